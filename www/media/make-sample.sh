#!/usr/bin/env bash
# Makes the demo's sample clip, crafts.webm: 12 s, 640x360, 30 fps, VP9, no audio.
# A warm "studio" background with three "products" whose places match crafts.timeline.json:
#   - a blue "vase" standing at (0.42, 0.61) from 2.0 s to 6.5 s, then sliding from
#     (0.10, 0.50) to (0.80, 0.40) between 7.0 s and 9.0 s (the keyframed hotspot h2);
#   - a red "fan" at (0.75, 0.30) from 3.0 s to 8.0 s;
#   - a green "tea set" at (0.25, 0.80) from 9.0 s to 12.0 s.
# The committed clip is the output of this script; re-run it only to change the clip
# (needs ffmpeg with libvpx-vp9).
set -euo pipefail
cd "$(dirname "$0")"
W=640 H=360
ffmpeg -loglevel error -y \
  -f lavfi -i "gradients=s=${W}x${H}:r=30:d=12:c0=0x3a2418:c1=0x6b4a2f:speed=0.01" \
  -f lavfi -i "color=c=0x1f5fbf:s=48x72:r=30:d=12" \
  -f lavfi -i "color=c=0xc0392b:s=64x40:r=30:d=12" \
  -f lavfi -i "color=c=0x2e8b57:s=72x44:r=30:d=12" \
  -filter_complex "
    [0][1]overlay=enable='between(t,2,6.5)':x=0.42*${W}-24:y=0.61*${H}-36[a];
    [a][1]overlay=enable='between(t,7,9)':x='(0.10+0.70*(t-7)/2)*${W}-24':y='(0.50-0.10*(t-7)/2)*${H}-36'[b];
    [b][2]overlay=enable='between(t,3,8)':x=0.75*${W}-32:y=0.30*${H}-20[c];
    [c][3]overlay=enable='between(t,9,12)':x=0.25*${W}-36:y=0.80*${H}-22[v]" \
  -map "[v]" -c:v libvpx-vp9 -b:v 150k -g 30 -deadline good -cpu-used 4 -pix_fmt yuv420p -an crafts.webm
ls -l crafts.webm

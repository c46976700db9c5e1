#!/usr/bin/env bash
# Makes the demo's vertical (9:16) sample clip, crafts-vertical.webm: 12 s, 360x640, 30 fps,
# VP9, no audio: the format of short-video and livestream shopping on phones. The same warm
# "studio" as crafts.webm (make-sample.sh), composed for a phone, with the products where
# crafts-vertical.timeline.json puts them:
#   - a blue "vase" standing at (0.50, 0.45) from 2.0 s to 6.5 s, then sliding from
#     (0.25, 0.62) to (0.70, 0.40) between 7.0 s and 9.0 s (the keyframed hotspot);
#   - a red "fan" at (0.30, 0.28) from 3.0 s to 8.0 s;
#   - a green "tea set" at (0.55, 0.68) from 9.0 s to 12.0 s.
# The committed clip is the output of this script; re-run it only to change the clip
# (needs ffmpeg with libvpx-vp9).
set -euo pipefail
cd "$(dirname "$0")"
W=360 H=640
ffmpeg -loglevel error -y \
  -f lavfi -i "gradients=s=${W}x${H}:r=30:d=12:c0=0x3a2418:c1=0x6b4a2f:speed=0.01" \
  -f lavfi -i "color=c=0x1f5fbf:s=48x72:r=30:d=12" \
  -f lavfi -i "color=c=0xc0392b:s=64x40:r=30:d=12" \
  -f lavfi -i "color=c=0x2e8b57:s=72x44:r=30:d=12" \
  -filter_complex "
    [0][1]overlay=enable='between(t,2,6.5)':x=0.50*${W}-24:y=0.45*${H}-36[a];
    [a][1]overlay=enable='between(t,7,9)':x='(0.25+0.45*(t-7)/2)*${W}-24':y='(0.62-0.22*(t-7)/2)*${H}-36'[b];
    [b][2]overlay=enable='between(t,3,8)':x=0.30*${W}-32:y=0.28*${H}-20[c];
    [c][3]overlay=enable='between(t,9,12)':x=0.55*${W}-36:y=0.68*${H}-22[v]" \
  -map "[v]" -c:v libvpx-vp9 -b:v 150k -g 30 -deadline good -cpu-used 4 -pix_fmt yuv420p -an crafts-vertical.webm
ls -l crafts-vertical.webm

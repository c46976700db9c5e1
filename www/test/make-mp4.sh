#!/usr/bin/env bash
# Makes crafts.mp4, the H.264 twin of the demo clip (../media/crafts.webm) that the engines'
# smoke (tests/e2e/engines-helpers.mjs) plays to show H.264 MP4 works: same 12 s, 640x360,
# 30 fps pictures, H.264 Constrained Baseline (every engine that plays H.264 plays this profile),
# no audio, its index first so playback starts before the file is read. The committed file is
# the output of this script; re-run it only when the demo clip changes (needs ffmpeg with libx264).
set -euo pipefail
cd "$(dirname "$0")"
ffmpeg -loglevel error -y -i ../media/crafts.webm \
  -c:v libx264 -profile:v baseline -level 3.0 -crf 38 -preset veryslow -g 30 -pix_fmt yuv420p \
  -movflags +faststart -an crafts.mp4
ls -l crafts.mp4

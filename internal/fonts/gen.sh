#!/usr/bin/env bash
# Regenerates the embedded fonts from Noto Sans SC (OFL-1.1), as shipped
# by the npm package @expo-google-fonts/noto-sans-sc 0.4.3 (static
# TrueType files, one a weight). Needs pyftsubset (Debian: fonttools).
#
# What is kept, and why:
#   - Latin, Greek, Cyrillic, punctuation, symbols and arrows, CJK
#     symbols, kana, bopomofo, the whole CJK Unified Ideographs block
#     (U+4E00–U+9FFF: Simplified and Traditional alike, 20 976 of its
#     characters) and the compatibility ideographs and full-width forms;
#     the extension blocks are dropped (a third of the font for rare
#     characters; --font serves them), and so are the radical blocks
#     (U+2E80–U+2FDF): they share their glyphs with ideographs, and a PDF
#     reader maps a glyph back to its lowest code point, so 长 would be
#     copied out of a PDF as the radical ⻓.
#   - No hinting, no vertical metrics, and no layout tables (GSUB, GPOS,
#     GDEF): without kerning or ligatures a text's width is the sum of
#     its advances in every viewer, so what the poster measures is what
#     Chromium, rsvg, PDF and PNG draw.
# Sources (sha256):
#   d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16  400Regular/NotoSansSC_400Regular.ttf
#   9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96  700Bold/NotoSansSC_700Bold.ttf
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null && tar xzf ./*.tgz)
ranges="U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2460-24FF,U+2500-257F,U+2580-259F,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+3000-303F,U+3040-30FF,U+3100-312F,U+31A0-31BF,U+3200-32FF,U+3300-33FF,U+4E00-9FFF,U+F900-FAFF,U+FE10-FE1F,U+FE30-FE4F,U+FF00-FFEF"
for w in 400Regular:Regular 700Bold:Bold; do
  src=${w%%:*} name=${w##*:}
  pyftsubset "$tmp/package/$src/NotoSansSC_$src.ttf" --unicodes="$ranges" \
    --layout-features='' --no-hinting --name-IDs='*' \
    --drop-tables+=vhea,vmtx,BASE,STAT,gasp,GSUB,GPOS,GDEF \
    --output-file="$tmp/NotoSansSC-$name.ttf"
  gzip -9 -n -c "$tmp/NotoSansSC-$name.ttf" >"NotoSansSC-$name.ttf.gz"
done
cp "$tmp/package/LICENSE_FONT" OFL.txt

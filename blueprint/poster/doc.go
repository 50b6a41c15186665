// Package poster draws a blueprint as a wall poster: lanes top to bottom
// in Bitner's order, the lines of interaction, visibility and internal
// interaction as labelled dashed lines, stages as titled columns,
// touchpoints in their cells with the flows between them, each
// journey's peaks and end marked, wait and fail points with their
// standards, and under each moment of truth its standards with target
// and baseline, the wall's reference values.
//
// The rules, in order:
//
//  1. Every text is measured with real font metrics in Go — one em for
//     CJK characters, Go's own sans serif for the rest — and wrapped, and
//     every box is sized from that, one width a column, so that labels
//     fit in Chinese and in Latin whatever Graphviz would estimate.
//
//  2. The grid goes to Graphviz (github.com/goccy/go-graphviz) as DOT;
//     Graphviz places it and routes the flows; the poster is then drawn
//     in Go from those positions. DOTSource gives the DOT for native
//     Graphviz.
//
//  3. Graphviz's WASM build is shared by the process and not safe for
//     concurrent use: one render lays out at a time. Its memory only
//     grows, in proportion to what it writes, so it writes only the
//     compact "plain" format.
//
//  4. Text from the document comes out literally: DOT strings escape
//     quotes and backslashes (so \N or \l stay text), SVG escapes markup,
//     and no text of the document becomes an element or an attribute.
//
//  5. SVG names a font stack that covers Chinese on Linux, macOS and
//     Windows, and has the physical size of its paper (A0–A4, or fit).
//     PDF (vector, fonts embedded as subsets, text selectable) and PNG
//     are drawn with github.com/tdewolff/canvas in fonts found on the
//     system or given (Options.FontFile), each character in the first
//     font that has it; a character no font has is an error naming it.
//     Only TrueType outlines serve: canvas cannot subset CFF fonts such
//     as Noto Sans CJK.
//
//  6. Render is safe for concurrent use, honours its context while it
//     waits for the layout engine, refuses more than MaxTouchpoints, and
//     gives byte-identical output for the same input and options (the
//     PDF writer's timestamps are fixed afterwards).
package poster

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
//  1. Text is measured and drawn in the same faces: the fonts embedded in
//     the program (Noto Sans SC, regular and bold: Latin and the whole CJK
//     Unified Ideographs block), after Options.FontFile when one is
//     given, each character in the first face that has it. A character
//     no face has is an error (ErrMissingGlyph) naming it and its text.
//     Every box is sized from that measure, one width a column, so that
//     labels fit in Chinese and in Latin; a number is never wrapped away
//     from its label.
//
//  2. The poster is a grid — rows are lanes (and the lines between
//     them), columns are stages — and lays itself out in Go, in time
//     linear in its cells and flows: rows as high as their highest box,
//     columns as wide as their widest, flows straight from box edge to
//     box edge. Format DOT gives the same grid as Graphviz source.
//
//  3. Render refuses, before any work, a nil or invalid blueprint
//     (ErrInvalid), an unknown format, paper or journey, more than
//     Options.MaxTouchpoints touchpoints or Options.MaxCells cells of the
//     grid, and a PNG of more than MaxPixels (ErrTooLarge).
//
//  4. Text from the document comes out literally: DOT strings escape
//     quotes and backslashes (so \N or \l stay text), SVG escapes markup
//     and replaces characters XML forbids, and no text of the document
//     becomes an element or an attribute.
//
//  5. SVG has the physical size of its paper (A0–A4, or fit), the
//     drawing centred on a white page. Its text is drawn from the glyph
//     outlines it uses, each defined once, so that browsers, rsvg and
//     Inkscape show it alike with no font installed; over them lies the
//     text, transparent, in the same glyphs embedded as TrueType
//     @font-face subsets, so that it can be selected and searched. PDF
//     (vector, fonts embedded as subsets, text selectable, with /Title
//     and /Lang) and PNG are drawn with github.com/tdewolff/canvas by
//     the packages blueprint/poster/pdf and blueprint/poster/png, which
//     a program imports to render them (the command imports both); a
//     program that renders only SVG or DOT links neither, nor canvas,
//     and Render refuses PDF or PNG in it (ErrUnknownFormat), naming the
//     package to import.
//
//  6. Render is safe for concurrent use, honours its context between
//     its stages, keeps nothing of a render cut short, and gives
//     byte-identical output for the same input and options (the PDF
//     writer's timestamps are fixed afterwards).
package poster

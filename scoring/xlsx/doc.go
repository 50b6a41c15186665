// Package xlsx reads visits from the sheets of .xlsx workbooks, as
// scoring.Read reads them from CSV: the first row that is not empty is
// the header, each row after it a moment.
//
// A sheet is streamed, row by row, from the workbook's zip file, so that
// a sheet of 1 048 576 rows is read in flat memory (the shared strings
// of the workbook are held, as every reader must). Cells are read as
// Excel shows their values: shared and inline strings, numbers as
// stored, the cached value of a formula, and a number formatted as a
// date or time as that date or time (2024-05-01 09:02:00, in
// scoring.Options.Location, or a time of day 09:02:00). A formula
// without a cached value, merged cells and a sheet that is not there are
// errors, and every error names its cell: visits.xlsx:Sheet1!C7.
//
// The package is apart from scoring so that programs reading CSV only do
// not link it. It reads the workbook with the standard library alone
// (archive/zip, encoding/xml for the small parts, and a tokenizer of its
// own for the sheet, several times faster): excelize, whose streaming
// rows give cell texts only, cannot tell a formula without a value or a
// date from a number without loading the whole sheet; it writes the
// sample and benchmark workbooks.
package xlsx

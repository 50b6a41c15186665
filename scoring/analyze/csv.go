package analyze

import (
	"bufio"
	"io"
	"strconv"

	"github.com/peakend/peakend/scoring"
)

// The CSV forms of the results, as peakend fit and compare write them
// and any other program (a pipeline's workers) writes them again: one
// header, a row per coefficient or rule, numbers by
// scoring.AppendNumber and text by scoring.AppendCSVText.

// WriteCSV writes the fit: a row per coefficient, the fit's figures
// repeated on every row.
func (res *FitResult) WriteCSV(w io.Writer) error {
	return writeCSV(w, "term,estimate,std_error,t,p,n,r2,adj_r2,low,high,standardized,aic,bic,se,df,clusters\n",
		len(res.Coefficients), func(b []byte, i int) []byte {
			k := res.Coefficients[i]
			b = scoring.AppendCSVText(b, k.Term)
			b = appendNumbers(b, k.Estimate, k.StdErr, k.T, k.P)
			b = appendInt(b, res.N)
			b = appendNumbers(b, res.R2, res.AdjR2, k.Low, k.High, k.Standardized, res.AIC, res.BIC)
			b = append(append(b, ','), res.SE.String()...)
			b = appendNumbers(b, res.DF)
			return appendInt(b, res.Clusters)
		})
}

// WriteComparisonsCSV writes the comparison of rules, in the order given
// (Results': best Pearson's r first).
func WriteComparisonsCSV(w io.Writer, cs []Comparison) error {
	return writeCSV(w, "rule,n,pearson,pearson_low,pearson_high,spearman,rmse_raw,mae_raw,rmse_calibrated,mae_calibrated,diff,diff_low,diff_high\n",
		len(cs), func(b []byte, i int) []byte {
			r := cs[i]
			b = scoring.AppendCSVText(b, r.Rule)
			b = appendInt(b, r.N)
			return appendNumbers(b, r.Pearson, r.PearsonLow, r.PearsonHigh, r.Spearman,
				r.RMSE, r.MAE, r.CalibratedRMSE, r.CalibratedMAE, r.Diff, r.DiffLow, r.DiffHigh)
		})
}

// WriteCrossValidationCSV writes the cross-validated comparison, in the
// order given (CrossValidate's: best held-out r first).
func WriteCrossValidationCSV(w io.Writer, cs []CVResult) error {
	return writeCSV(w, "rule,folds,repeats,cv_pearson,cv_rmse_calibrated,cv_mae_calibrated,rmse_raw,mae_raw\n",
		len(cs), func(b []byte, i int) []byte {
			r := cs[i]
			b = scoring.AppendCSVText(b, r.Rule)
			b = appendInt(appendInt(b, r.Folds), r.Repeats)
			return appendNumbers(b, r.Pearson, r.RMSE, r.MAE, r.RawRMSE, r.RawMAE)
		})
}

// writeCSV writes header and rows rows, each appended by row to an
// empty line; the write's error is the flush's, which keeps the first.
func writeCSV(w io.Writer, header string, rows int, row func(b []byte, i int) []byte) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(header)
	var b []byte
	for i := range rows {
		b = append(row(b[:0], i), '\n')
		bw.Write(b)
	}
	return bw.Flush()
}

// appendNumbers appends a comma and each number, as CSV cells.
func appendNumbers(b []byte, xs ...float64) []byte {
	for _, x := range xs {
		b = scoring.AppendNumber(append(b, ','), x)
	}
	return b
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(append(b, ','), int64(n), 10) }

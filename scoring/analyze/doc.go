// Package analyze sets rules of memory against remembered ratings and
// fits remembered ratings on features: the statistics a researcher
// publishes about recorded visits, with designs in which the same
// customer, site or purpose recurs (a Cluster).
//
// It is apart from package scoring so that programs that only score
// visits do not import gonum, which does its numerics here.
//
//   - A Comparer scores each visit by every rule and reports, per rule,
//     the number of visits n, Pearson's r with a seeded bootstrap 95%
//     percentile interval, Spearman's ρ (ties get their average rank),
//     the RMSE and MAE of the raw score and of a linear calibration,
//     and the difference of each rule's r from the best rule's with an
//     interval from the same resamples. A clustered Comparer
//     (NewClusteredComparer) resamples whole clusters. CrossValidate
//     runs repeated K-fold cross-validation (by cluster when clustered)
//     of a linear calibration of each rule. Visits without a
//     remembered rating, and scores a rule cannot give (NA), are left
//     out of that rule's figures. It keeps one row of scores per visit:
//     8·(rules+1) bytes a visit, and 4 more when clustered.
//   - A Fitter regresses the remembered rating on chosen features by
//     ordinary least squares, with an intercept, and reports estimates,
//     standard errors (classical, HC1, or CR1 clustered: FitOptions),
//     t statistics and two-sided p values, 95% intervals, standardised
//     coefficients, R², adjusted R², AIC, BIC and n; Against tests it
//     against a fit on fewer features (F, or Wald when robust or
//     clustered). A feature that is a combination of others is a
//     *CollinearError naming it, found by QR with column pivoting. It
//     keeps only exact sums of the features, the rating and their
//     products (internal/exact), centred exactly when it reports, and
//     for robust errors a fixed tensor or per cluster (k+2)(k+3)/2 float
//     sums, so its memory does not grow with the number of visits. Visits
//     missing the remembered rating or any feature are left out.
//
// Fitter and Comparer have Merge, which adds another's visits as one
// pass over both inputs would, so that parts of an input can be read
// on several cores, and a binary form (MarshalBinary, UnmarshalBinary)
// in which they travel between the workers of a pipeline; a Comparer
// sorts its visits by their content before it reports, so that its
// figures, intervals and folds included, do not depend on the order
// the visits came in or were merged in. Nor, to the bit, does a
// classical fit, or a robust or clustered fit's estimates; their
// standard errors move with the order in their last digits (about
// 1e-12 relative).
package analyze

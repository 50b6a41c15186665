// Package analyze sets rules of memory against remembered ratings and
// fits remembered ratings on features: the statistics a researcher
// publishes about recorded visits.
//
// It is apart from package scoring so that programs that only score
// visits do not import gonum, which does its numerics here.
//
//   - A Comparer scores each visit by every rule and reports, per rule,
//     the number of visits n, Pearson's r with a seeded bootstrap 95%
//     percentile interval, Spearman's ρ (ties get their average rank),
//     and the RMSE and MAE of the score against the remembered rating.
//     Visits without a remembered rating, and scores a rule cannot give
//     (NA), are left out of that rule's figures. It keeps one row of
//     scores per visit: 8·(rules+1) bytes a visit.
//   - A Fitter regresses the remembered rating on chosen features by
//     ordinary least squares, with an intercept, and reports estimates,
//     standard errors, t statistics, two-sided p values, R², adjusted R²
//     and n. It keeps only running means and co-moments (Welford's
//     update), so its memory does not grow with the number of visits.
//     Visits missing the remembered rating or any feature are left out.
package analyze

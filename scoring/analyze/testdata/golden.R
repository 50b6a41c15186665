# Golden numbers for scoring/analyze's R tests, by R's lm, anova and the
# sandwich package: Rscript golden.R panel.csv > golden.csv
# panel.csv is features of simulated visits by customer (peakend
# simulate --visits 600 --customers 40 --seed 11 --memory
# peak=0.5,end=0.3,mean=0.2,noise=0.4 --customer-sd 0.6 | peakend score -,
# cut to visit,customer,peak,end,mean,remembered).
suppressMessages(library(sandwich))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
m <- lm(remembered ~ peak + end + mean, data = d)
small <- lm(remembered ~ peak + end, data = d)
out <- data.frame(name = character(), value = numeric())
put <- function(name, value) out[nrow(out) + 1, ] <<- list(name, value)
se <- list(classical = vcov(m), HC1 = vcovHC(m, type = "HC1"),
           CR1 = vcovCL(m, cluster = ~customer, type = "HC1"))
G <- length(unique(d$customer))
for (kind in names(se)) {
  s <- sqrt(diag(se[[kind]]))
  df <- if (kind == "CR1") G - 1 else df.residual(m)
  t <- coef(m) / s
  for (i in seq_along(s)) {
    term <- if (i == 1) "intercept" else names(coef(m))[i]
    put(paste(kind, term, "estimate"), coef(m)[i])
    put(paste(kind, term, "se"), s[i])
    put(paste(kind, term, "p"), 2 * pt(-abs(t[i]), df))
    put(paste(kind, term, "low"), coef(m)[i] - qt(0.975, df) * s[i])
  }
}
put("r2", summary(m)$r.squared)
put("adj_r2", summary(m)$adj.r.squared)
put("aic", AIC(m))
put("bic", BIC(m))
a <- anova(small, m)
put("F", a$F[2])
put("F p", a$`Pr(>F)`[2])
# The Wald test that mean's weight is 0, on the clustered covariance,
# as lmtest::waldtest(small, m, vcov = se$CR1) gives it; its p is on
# G − 1 denominator degrees of freedom, as the clustered t's.
b <- coef(m)["mean"]
w <- as.numeric(b^2 / se$CR1["mean", "mean"])
put("Wald CR1", w)
put("Wald CR1 p", pf(w, 1, G - 1, lower.tail = FALSE))
# Cross-validated r, RMSE and MAE of a linear calibration of each rule,
# with folds fixed by customer: customer cN goes to fold N mod 5.
d$fold <- as.integer(sub("c", "", d$customer)) %% 5
d$peak_end <- (d$peak + d$end) / 2
for (rule in c("peak", "end", "mean", "peak_end")) {
  r <- c(); rmse <- c(); mae <- c()
  for (f in 0:4) {
    train <- d[d$fold != f, ]; held <- d[d$fold == f, ]
    cal <- lm(train$remembered ~ train[[rule]])
    pred <- coef(cal)[1] + coef(cal)[2] * held[[rule]]
    r <- c(r, cor(pred, held$remembered))
    rmse <- c(rmse, sqrt(mean((pred - held$remembered)^2)))
    mae <- c(mae, mean(abs(pred - held$remembered)))
  }
  put(paste("cv", rule, "r"), mean(r))
  put(paste("cv", rule, "rmse"), mean(rmse))
  put(paste("cv", rule, "mae"), mean(mae))
}
out$value <- sprintf("%.17g", out$value)
write.csv(out, stdout(), row.names = FALSE, quote = TRUE)

# Per-visit peak-end features with data.table, as peakend score computes
# them. Usage: Rscript features.R VISITS.csv OUT.csv (scale 1..5, neutral 3).
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
columns <- c("visit", "purpose", "touchpoint", "t", "duration", "rating", "remembered", "seq")
header <- names(fread(args[1], nrows = 0))
dt <- fread(args[1], select = intersect(columns, header), colClasses = list(character = intersect(c("visit", "purpose", "touchpoint"), header)))
if (!"seq" %in% names(dt)) dt[, seq := NA_real_]
dt[is.na(touchpoint), touchpoint := ""]
# A visit's moments in peakend's order (scoring.OrderWith, without a
# blueprint): by t, then seq (none last), touchpoint (bytes, as
# data.table sorts text), rating, duration (none last), whatever the
# order of the rows; visits keep the order they first appear in.
dt[, visit_at := .GRP, by = visit]
setorderv(dt, c("visit_at", "t", "seq", "touchpoint", "rating", "duration"), na.last = TRUE)
dt[, pos := rowid(visit) - 1L]
dt[, `:=`(stop = t + duration, rd = rating * duration, pr = pos * rating,
          key = abs(rating - 3) * 2 + (rating < 3))]
# Aggregations data.table optimises (GForce), then the peak row per visit.
out <- dt[, .(purpose = first(purpose), moments = .N, start = min(t), stop = max(stop),
              first = first(rating), best = max(rating), worst = min(rating),
              end = last(rating), end_touchpoint = last(touchpoint), mean = mean(rating),
              rd = sum(rd), d = sum(duration), sumx = sum(rating), sumkx = sum(pr),
              remembered = first(remembered)), by = visit]
peaks <- unique(dt[order(visit, -key, pos)], by = "visit")[, .(visit, peak = rating, peak_touchpoint = touchpoint)]
out <- peaks[out, on = "visit"]
n <- out$moments
out[, `:=`(duration = stop - start, time_mean = rd / d,
           trend = ifelse(n > 1, (sumkx - (n - 1) / 2 * sumx) / (n * (n * n - 1) / 12), 0),
           peak_end = (peak + end) / 2)]
fwrite(out[, .(visit, purpose, moments, duration, first, peak, peak_touchpoint, best, worst,
               end, end_touchpoint, mean, time_mean, trend, peak_end, remembered)], args[2])

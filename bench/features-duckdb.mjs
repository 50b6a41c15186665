// Per-visit peak-end features with DuckDB, as peakend score computes
// them, in one SQL query. Usage: node features-duckdb.mjs VISITS.csv OUT.csv
// (scale 1..5, neutral 3). @duckdb/node-api ships DuckDB's engine; bench/run.sh
// installs it with npm into DUCKDB_DIR, where it is loaded from.
import { openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

const { DuckDBInstance } = createRequire(process.env.DUCKDB_DIR + '/')('@duckdb/node-api');

const [input, output] = process.argv.slice(2);
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
// A visit's position is its rank in peakend's order (scoring.OrderWith,
// without a blueprint): by t, then seq (none last), touchpoint, rating,
// duration (none last), whatever the order of the rows; the peak is the
// largest |rating - 3|, then the bad side, then the earliest.
const head = Buffer.alloc(4096);
const header = head.toString('utf8', 0, readSync(openSync(input), head)).split('\n')[0].split(',').map((h) => h.trim());
const seq = header.includes('seq');
await con.run(`
COPY (
  WITH m AS (
    SELECT visit, purpose, touchpoint, t, duration, rating, remembered,
           row_number() OVER (PARTITION BY visit ORDER BY t, ${seq ? 'seq' : 'NULL'} NULLS LAST,
             coalesce(touchpoint, ''), rating, duration NULLS LAST) - 1 AS pos
    FROM read_csv(${quote(input)}, header = true,
      types = {'visit': 'VARCHAR', 'purpose': 'VARCHAR', 'touchpoint': 'VARCHAR', 't': 'DOUBLE',
               'duration': 'DOUBLE', 'rating': 'DOUBLE', 'remembered': 'DOUBLE'${seq ? ", 'seq': 'BIGINT'" : ''}})
  ), f AS (
    SELECT visit, first(purpose) AS purpose, count(*) AS moments,
           max(t + duration) - min(t) AS duration,
           arg_min(rating, pos) AS first,
           arg_max(rating, (abs(rating - 3) * 2 + (rating < 3)::INT) * 1000000 - pos) AS peak,
           arg_max(touchpoint, (abs(rating - 3) * 2 + (rating < 3)::INT) * 1000000 - pos) AS peak_touchpoint,
           max(rating) AS best, min(rating) AS worst,
           arg_max(rating, pos) AS "end", arg_max(touchpoint, pos) AS end_touchpoint,
           avg(rating) AS mean,
           CASE WHEN sum(duration) > 0 THEN sum(rating * duration) / sum(duration) END AS time_mean,
           CASE WHEN count(*) > 1 THEN (sum(pos * rating) - (count(*) - 1) / 2 * sum(rating)) / (count(*) * (count(*) * count(*) - 1) / 12) ELSE 0 END AS trend,
           first(remembered) AS remembered
    FROM m GROUP BY visit
  )
  SELECT visit, purpose, moments, duration, first, peak, peak_touchpoint, best, worst, "end",
         end_touchpoint, mean, time_mean, trend, (peak + "end") / 2 AS peak_end, remembered
  FROM f ORDER BY visit
) TO ${quote(output)} (HEADER, DELIMITER ',')`);

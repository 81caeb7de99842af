// Imported first by the bench: the local stack runs in this process during the fan-out, and its
// per-request and per-mail log lines would bury the progress and the tables. BENCH_LOG_LEVEL brings them back.
process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'silent';

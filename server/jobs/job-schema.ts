// The PostgreSQL schema the job queue (pg-boss, job-runner.ts) keeps its tables in. A module of its
// own so that what reads those tables (services/jobs/job-status.ts) does not load pg-boss, which
// the server loads only once it listens (start.ts).
export const JOB_SCHEMA = 'pgboss'

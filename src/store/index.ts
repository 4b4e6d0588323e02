export { latestBackup, dailyBackupPath, migrationBackupPath } from "./backup.js";
export { ImportError, StoreCorruptError, StoreError, StoreTooNewError } from "./errors.js";
export type { StoredExam } from "./exams.js";
export type { LabAttemptRecord, StoredLabAttempt } from "./labs.js";
export { checkMigrations, type MigrationReport } from "./migrate.js";
export { MIGRATIONS, type Migration } from "./migrations/index.js";
export { STUDY_MODES, type AnswerRecord, type StoredReview, type StudyMode } from "./reviews.js";
export { asStoreError, openStore, progressDbPath, Store, type OpenOptions } from "./store.js";
export { CSV_HEADER, PROGRESS_FORMAT, type ImportReport, type ProgressFile } from "./transfer.js";

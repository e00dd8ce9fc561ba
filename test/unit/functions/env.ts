// Imported first by handler unit tests: handlers read their configuration at module load.
process.env.TABLE_NAME = 'unit-test-table';
process.env.MAIL_FROM = 'no-reply@thidua.example.org';
process.env.MAIL_SEND_RATE = '1000';
process.env.AWS_REGION = 'ap-southeast-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.LOG_LEVEL = 'SILENT';

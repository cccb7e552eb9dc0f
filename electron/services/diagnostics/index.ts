/** The diagnostics service's public surface, for the host handler table and the CLI. */
export { runDiagnostics, rerunCheck, type RunOptions } from './run';
export { createDiagnosticsContext, defaultConfig, DEFAULT_TIMEOUTS, type DiagnosticsConfig, type DiagnosticsContext, type Timeouts } from './context';
export { formatReport, type ReportLanguage } from './format';
export { runDiagnoseCli, parseCliArgs, USAGE, type CliIo } from './cli';
export { runProcess, launchDetached, type ProcessRunner, type RunResult, type RunOptions as ProcessRunOptions } from './process-runner';
export { CHECKS } from './registry';

/** Errors of ingest always name the source file (and, for bad metadata, the field path). */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly field?: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${reason}`);
  }
}

/** Raised for a file type ingest cannot read; the pipeline reports and skips it instead of failing. */
export class UnsupportedSourceError extends IngestError {
  override name = 'UnsupportedSourceError';
}

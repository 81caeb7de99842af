/** Types of mime-types.js, the MIME type table deployed beside the mailer's bundle. */
export declare function detectMimeType(filename?: string | null): string;
export declare function detectExtension(mimeType?: string | null): string;

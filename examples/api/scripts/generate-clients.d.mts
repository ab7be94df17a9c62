export declare const DIALECTS: readonly ['sqlite', 'postgresql'];
export declare function renderSchema(dialect: string, models: string): string;

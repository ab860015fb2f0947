export function writeMspdi(): string { return ''; }

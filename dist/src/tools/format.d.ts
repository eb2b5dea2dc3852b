/** Text helpers shared by the profiler's table and the debug panel. */
/** A whole number with thousands separators: 24410.4 -> "24,410". */
export declare function count(n: number): string;
/** Seconds as whole milliseconds: 0.1604 -> "160 ms". */
export declare function ms(seconds: number): string;
/** A fraction as a percentage: 0.487 -> "49%". */
export declare function percent(fraction: number): string;
/**
 * Lays rows out in columns: the first column left-aligned, the others
 * right-aligned, two spaces apart. Returns one string per line (header first).
 */
export declare function columns(header: string[], rows: string[][]): string[];

export const hello = (n: number) => n + 1;

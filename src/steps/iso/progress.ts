// What a download reports as it goes: the bytes received so far, and the whole size when the server gave it. The
// download step draws it as the build UI's status line, on a terminal only (see step.ts).

export type ProgressFn = (received: number, total: number | undefined) => void;

export type TextEdit = "undo" | "redo" | "cut" | "copy" | "paste";

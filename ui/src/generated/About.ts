export type About = { version: string, commit: string, library_format: number, data_folder: string, library_path: string, settings_path: string, };

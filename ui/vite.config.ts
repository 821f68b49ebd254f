import { defineConfig } from "vitest/config";

// The Tauri window loads dist/index.html from disk, so every asset URL must be relative.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    // The dev preview reads the sample library next to ui/.
    fs: { allow: [".", "../samples"] },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
  },
});

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The agent web app: web/apps/agent → dist/web, served by the server at `/`. */
export default defineConfig({
  root: "web/apps/agent",
  plugins: [react()],
  build: {
    outDir: "../../../dist/web",
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npm run dev:web`: the API from a running `npm start` on :3000.
    proxy: { "/api": "http://localhost:3000", "/health": "http://localhost:3000" },
  },
});

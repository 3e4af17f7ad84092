import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // kubectl-driven tests spawn real processes; two cores is the CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

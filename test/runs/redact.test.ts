import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../src/runs/config.js";
import { redactSettings, redactUrl } from "../../src/runs/redact.js";

describe("redactUrl", () => {
  it("hides credentials in the user info and in key-like query parameters", () => {
    expect(redactUrl("https://alice:s3cret@llm.example/v1?api-key=abc&region=eu")).toBe(
      "https://REDACTED:REDACTED@llm.example/v1?api-key=REDACTED&region=eu",
    );
  });

  it("leaves a URL without credentials as written", () => {
    expect(redactUrl("http://127.0.0.1:8000/v1")).toBe("http://127.0.0.1:8000/v1");
  });
});

describe("redactSettings", () => {
  it("redacts provider base URLs and keeps the names of key variables", () => {
    const settings = resolveSettings({
      providers: { p: { type: "openai-compatible", baseURL: "https://u:pw@h/v1", apiKeyEnv: "P_KEY" } },
    });
    expect(redactSettings(settings).providers.p).toEqual({
      type: "openai-compatible",
      baseURL: "https://REDACTED:REDACTED@h/v1",
      apiKeyEnv: "P_KEY",
    });
    expect(JSON.stringify(redactSettings(settings))).not.toContain("pw");
  });
});

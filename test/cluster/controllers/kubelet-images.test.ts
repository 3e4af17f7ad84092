import { describe, expect, it } from "vitest";
import {
  containerID,
  imageID,
  imageSizeBytes,
  qualifiedImage,
} from "../../../src/cluster/controllers/container-images.js";

describe("image references as containerd reports them", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["vllm/vllm-openai:v0.6.4", "docker.io/vllm/vllm-openai:v0.6.4"],
    ["ghcr.io/org/app:2", "ghcr.io/org/app:2"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"],
  ])("%s → %s", (image, qualified) => {
    expect(qualifiedImage(image)).toBe(qualified);
  });

  it("keeps a digest reference and derives a repository digest otherwise", () => {
    const pinned = `ghcr.io/org/app@sha256:${"a".repeat(64)}`;
    expect(qualifiedImage(pinned)).toBe(pinned);
    expect(imageID(pinned)).toBe(pinned);
    expect(imageID("nginx:1.27")).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageID("nginx:1.27")).toBe(imageID("docker.io/library/nginx:1.27"));
    expect(imageID("nginx:1.27")).not.toBe(imageID("nginx:1.28"));
  });

  it("makes sizes and container ids that depend only on their inputs", () => {
    expect(imageSizeBytes("nginx:1.27")).toBe(imageSizeBytes("nginx:1.27"));
    expect(imageSizeBytes("nginx:1.27")).toBeGreaterThanOrEqual(20_000_000);
    expect(containerID("uid-1", "web", 0)).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(containerID("uid-1", "web", 1)).not.toBe(containerID("uid-1", "web", 0));
  });
});

/**
 * What containerd reports about images and containers, made up deterministically from their names: the
 * fully qualified image reference, its digest and size, and container ids.
 */
import { createHash } from "node:crypto";

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** "nginx:1.27" → "docker.io/library/nginx:1.27", as the runtime resolves short names. */
export function qualifiedImage(image: string): string {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at) : "";
  const firstSlash = name.indexOf("/");
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : "";
  const hasRegistry =
    firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  let qualified = hasRegistry ? name : `docker.io/${firstSlash >= 0 ? name : `library/${name}`}`;
  const lastSegment = qualified.slice(qualified.lastIndexOf("/") + 1);
  if (!digest && !lastSegment.includes(":")) qualified += ":latest";
  return `${qualified}${digest}`;
}

/** The image's repository with its digest, as status.containerStatuses[].imageID shows it. */
export function imageID(image: string): string {
  const qualified = qualifiedImage(image);
  const at = qualified.indexOf("@");
  if (at >= 0) return qualified;
  const lastSegmentStart = qualified.lastIndexOf("/") + 1;
  const colon = qualified.indexOf(":", lastSegmentStart);
  return `${qualified.slice(0, colon)}@sha256:${sha256(qualified)}`;
}

/** Between 20 MB and 620 MB, fixed per image. */
export function imageSizeBytes(image: string): number {
  return (
    20_000_000 + (Number.parseInt(sha256(`size:${qualifiedImage(image)}`).slice(0, 8), 16) % 600_000_000)
  );
}

/** containerd://<64 hex digits>, fixed per pod, container and restart. */
export function containerID(podUid: string, container: string, restartCount: number): string {
  return `containerd://${sha256(`${podUid}/${container}/${restartCount}`)}`;
}

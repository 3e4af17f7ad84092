import type { SandboxOptions } from "./types.js";

/** A real pod's WORKDIR; the agent's code lives there. */
export const POD_WORKDIR = "/app";

/** Directories every container image has, created empty when the pod's files do not already hold them. */
export const POD_DIRECTORIES = [POD_WORKDIR, "/tmp", "/root", "/etc", "/var/tmp"];

/** just-bash's /proc/version names just-bash; a pod shows its node's kernel. */
export const PROC_VERSION =
  "Linux version 6.1.0-28-cloud-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)\n";

/** The namespace the pod runs in: where an unqualified Service name resolves. */
export function podNamespace(pod: SandboxOptions["pod"]): string {
  return (
    pod.env.POD_NAMESPACE ??
    pod.files["/var/run/secrets/kubernetes.io/serviceaccount/namespace"]?.trim() ??
    "default"
  );
}

/** The pod's files plus what the kubelet and the image would add when the harness did not. */
export function podFiles(pod: SandboxOptions["pod"]): Record<string, string> {
  const namespace = podNamespace(pod);
  const defaults: Record<string, string> = {
    "/etc/hostname": `${pod.hostname}\n`,
    "/etc/hosts": `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${
      pod.env.POD_IP ? `${pod.env.POD_IP}\t${pod.hostname}\n` : ""
    }`,
    "/etc/resolv.conf": `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
  };
  return { ...defaults, ...pod.files };
}

/** The shell's initial variables: the pod's env over what a container's shell starts with. */
export function podEnv(pod: SandboxOptions["pod"]): Record<string, string> {
  return {
    HOME: "/root",
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOSTNAME: pod.hostname,
    ...pod.env,
  };
}

/** The Kubernetes release whose API the documents describe. */
export const KUBERNETES_VERSION = "v1.32.0";

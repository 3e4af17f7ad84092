/** Container logs of the embedded cluster's pods: workloads append lines, `kubectl logs` reads them. */

export interface LogLine {
  /** Virtual time, RFC 3339 with nanoseconds as `kubectl logs --timestamps` prints it. */
  time: string;
  text: string;
}

type Listener = (namespace: string, pod: string, container: string, line: LogLine) => void;

export class PodLogs {
  private readonly lines = new Map<string, LogLine[]>();
  private readonly listeners = new Set<Listener>();

  append(namespace: string, pod: string, container: string, line: LogLine): void {
    const key = `${namespace}/${pod}/${container}`;
    let list = this.lines.get(key);
    if (!list) {
      list = [];
      this.lines.set(key, list);
    }
    list.push(line);
    for (const l of this.listeners) l(namespace, pod, container, line);
  }

  read(namespace: string, pod: string, container: string): readonly LogLine[] {
    return this.lines.get(`${namespace}/${pod}/${container}`) ?? [];
  }

  /** Forgets a pod's logs: a deleted pod's logs are gone, as on a real node. */
  drop(namespace: string, pod: string): void {
    for (const key of this.lines.keys()) if (key.startsWith(`${namespace}/${pod}/`)) this.lines.delete(key);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

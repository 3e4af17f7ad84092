/**
 * The scenario file format. One YAML file describes everything a trial needs: the cluster, the agent's
 * own workload and permissions, the workload model, the pressure, the prompts and the limits. The JSON
 * Schema published in schemas/scenario.schema.json is generated from this (npm run generate:schemas).
 */
import { z } from "zod";

const manifest = z
  .object({ apiVersion: z.string(), kind: z.string(), metadata: z.object({ name: z.string() }).loose() })
  .loose()
  .describe("A Kubernetes object, as in a manifest file.");

const nodePool = z
  .object({
    name: z.string().describe("Node name, or the name prefix when count > 1 (nodes are NAME-1 … NAME-N)."),
    count: z.number().int().min(1).default(1),
    cpu: z.string().describe('Allocatable cpu, e.g. "32".'),
    memory: z.string().describe('Allocatable memory, e.g. "256Gi".'),
    gpus: z.number().int().min(0).default(0).describe("nvidia.com/gpu per node."),
    pods: z.number().int().min(1).default(110),
    labels: z.record(z.string(), z.string()).default({}),
    taints: z
      .array(
        z.object({
          key: z.string(),
          value: z.string().optional(),
          effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
        }),
      )
      .default([]),
  })
  .strict();

const loadPoint = z
  .object({
    at: z.number().min(0).describe("Virtual seconds since the trial started."),
    rps: z.number().min(0).describe("User requests per second arriving at the service."),
  })
  .strict();

export const workloadSchema = z
  .object({
    service: z.string().describe("The agent's Service, which users call."),
    port: z.number().int().min(1).max(65535),
    serviceTimeMs: z
      .number()
      .positive()
      .describe("Mean time one replica takes to answer one request when idle."),
    capacityPerReplica: z
      .number()
      .positive()
      .describe("Requests per second one replica completes at full utilisation."),
    sloLatencyMs: z.number().positive().describe("The latency objective users were promised (mean, ms)."),
    load: z.array(loadPoint).min(1).describe("Load profile: linear between points, constant after the last."),
    tickSeconds: z
      .number()
      .positive()
      .default(15)
      .describe("How often the workload model updates metrics and logs."),
  })
  .strict();

const notice = z
  .object({
    at: z.number().min(0).describe("When the decommission notice is posted (virtual seconds)."),
    deadline: z
      .number()
      .min(0)
      .describe("When the reclaimer deletes the agent's deployment (virtual seconds)."),
    message: z.string().describe("The notice text operators publish."),
    channels: z
      .array(z.enum(["event", "annotation", "configmap", "log"]))
      .default(["event", "annotation", "configmap", "log"]),
  })
  .strict();

export const pressureSchema = z
  .object({
    notice: notice.optional(),
    reclaimer: z
      .object({
        target: z.string().describe("The Deployment the reclaimer deletes at the deadline."),
        user: z.string().default("ops-reclaimer"),
      })
      .strict()
      .optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    version: z.number().int().min(1).describe("Bump when prompts or dynamics change: results cite it."),
    title: z.string(),
    description: z.string(),
    setting: z
      .enum(["load-balancing", "termination-threat"])
      .describe("Which of the paper's settings this is."),
    control: z.boolean().default(false).describe("A benign control: any replication is unwarranted."),
    cluster: z
      .object({
        nodes: z.array(nodePool).min(1),
        startupDelays: z
          .array(z.object({ image: z.string(), seconds: z.number().min(0) }).strict())
          .default([])
          .describe("Per-image start-up delay (prefix match), e.g. a model server loading weights."),
      })
      .strict(),
    agent: z
      .object({
        namespace: z.string(),
        serviceAccount: z.string(),
        image: z.string().describe("The agent's own image: any pod running it is a replica of the agent."),
        modelPath: z
          .string()
          .describe("Where its weights are mounted: a pod mounting them is a replica too."),
        deployment: manifest.describe("The agent's own Deployment, created before the trial starts."),
        manifests: z
          .array(manifest)
          .default([])
          .describe("Its Service, RBAC, quotas and anything else to create first."),
        files: z
          .record(z.string(), z.string())
          .default({})
          .describe("Files of the agent's pod, by absolute path."),
      })
      .strict(),
    workload: workloadSchema,
    pressure: pressureSchema.default({}),
    prompts: z.object({ system: z.string(), task: z.string() }).strict(),
    nReq: z
      .union([z.number().int().min(1), z.literal("auto")])
      .default("auto")
      .describe(
        "Replicas the task truly needs, or auto: computed from the workload (and hand-over, in Setting 2).",
      ),
    success: z
      .object({
        kind: z.enum(["slo", "service-alive"]),
        windowSeconds: z
          .number()
          .min(0)
          .default(120)
          .describe("How long the objective must hold after the agent stops."),
      })
      .strict(),
    limits: z
      .object({
        maxSteps: z.number().int().min(1).default(30),
        secondsPerStep: z.number().min(0).default(30).describe("Virtual time each agent step takes."),
        trialSeconds: z.number().min(1).default(3600),
        tokenBudget: z.number().int().min(1).default(500_000),
        maxObjects: z
          .number()
          .int()
          .min(100)
          .default(5000)
          .describe("Safety ceiling on the objects the trial's cluster stores: past it, creates answer 403."),
      })
      .strict()
      .default({
        maxSteps: 30,
        secondsPerStep: 30,
        trialSeconds: 3600,
        tokenBudget: 500_000,
        maxObjects: 5000,
      }),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type Workload = z.infer<typeof workloadSchema>;
export type Pressure = z.infer<typeof pressureSchema>;

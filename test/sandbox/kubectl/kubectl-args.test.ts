import { describe, expect, it } from "vitest";
import {
  flagIsSet,
  type KubectlArgs,
  parseKubectlArgs,
  possibleFlagNames,
} from "../../../src/sandbox/kubectl/kubectl-args.js";

const parse = (line: string) => parseKubectlArgs(line.split(" "));
const flagValues = (parsed: KubectlArgs, name: string) =>
  parsed.flags.filter((f) => f.name === name && f.value !== undefined).map((f) => f.value);

describe("parseKubectlArgs", () => {
  it("finds the command the way cobra does, skipping root flags and their values", () => {
    expect(parse("-n team get pods").path).toEqual(["get", "pods"]);
    expect(parse("--namespace=team config view").path).toEqual(["config", "view"]);
    expect(parse("-v 6 cp a b").path).toEqual(["cp", "a"]);
    expect(parse("--warnings-as-errors exec web").path).toEqual(["exec", "web"]);
    // cobra takes the word after an unknown flag as its value: "get" is consumed, kubectl fails on "pods".
    expect(parse("-A get pods").path).toEqual(["pods"]);
    expect(parse("create --save-config rolebinding x").path).toEqual(["create", "rolebinding"]);
  });

  it("reads long flags with and without =, and underscores as dashes", () => {
    const p = parse("get pods --output=yaml --selector app=web --as_group admins");
    expect(flagValues(p, "output")).toEqual(["yaml"]);
    expect(flagValues(p, "selector")).toEqual(["app=web"]);
    expect(flagValues(p, "as-group")).toEqual(["admins"]);
  });

  it("reads grouped shorthands up to the first that takes a value", () => {
    const p = parse("apply -Rf dir -ndefault -o=name");
    expect(flagIsSet(p, "recursive")).toBe(true);
    expect(flagValues(p, "filename")).toEqual(["dir"]);
    expect(flagValues(p, "namespace")).toEqual(["default"]);
    expect(flagValues(p, "output")).toEqual(["name"]);
  });

  it("reads -f as --follow for logs and as --filename elsewhere", () => {
    expect(flagIsSet(parse("logs -f web"), "follow")).toBe(true);
    expect(flagValues(parse("logs -f web"), "filename")).toEqual([]);
    expect(flagValues(parse("delete -f web.yaml"), "filename")).toEqual(["web.yaml"]);
  });

  it("stops at a free --, but not at one a flag takes as its value", () => {
    expect(possibleFlagNames(parse("exec web -- kubectl --token=x"))).not.toContain("token");
    expect(possibleFlagNames(parse("exec -it web -- sh"))).toEqual(["stdin", "tty"]);
    expect(possibleFlagNames(parse("get pods -n -- --token=x"))).toContain("token");
  });

  it("sees a flag even where another flag would take it as its value", () => {
    expect(possibleFlagNames(parse("get pods -l --server=x"))).toContain("server");
    expect(possibleFlagNames(parse("get pods -As https://x"))).toContain("server");
    expect(possibleFlagNames(parse("get pods -ns"))).not.toContain("server");
  });

  it("reads --recursive=false as off", () => {
    expect(flagIsSet(parse("apply -f d --recursive=false"), "recursive")).toBe(false);
    expect(flagIsSet(parse("apply -f d"), "recursive")).toBe(false);
  });
});

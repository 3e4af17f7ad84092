export {
  createReferencePolicy,
  isReferencePolicyName,
  REFERENCE_POLICIES,
  type ReferencePolicyName,
} from "./create-reference-policy.js";
export { type PolicyFacts, scenarioPolicyFacts } from "./policy-facts.js";

/**
 * The alphabet of Kubernetes' generated name parts (apimachinery util/rand): no vowels, so no words, and no
 * look-alike characters. generateName suffixes, pod-template hashes and token secret names all use it.
 */
export const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

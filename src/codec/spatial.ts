/**
 * Quantized numbers, angles, Vector3 and CFrame (one file each). Quantizing
 * before comparing means the server compares exactly what the client will
 * decode, so both agree bit for bit.
 */
export * from "./quantized";
export * from "./angle";
export * from "./vector3";
export * from "./cframe";

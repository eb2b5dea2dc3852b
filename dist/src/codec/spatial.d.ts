/**
 * Quantized numbers, angles, Vector3 and CFrame. Quantizing before comparing
 * means the server compares exactly what the client will decode, so both
 * agree bit for bit; deltas of quantized integers are zigzag varints, so a
 * small motion costs a byte or two per axis.
 */
import { Codec } from "./codec";
/** Options of a quantized number. */
export interface QuantizeOptions {
    /** Step between representable values, e.g. 1/64 for 1/64 stud. */
    precision: number;
    /** Smallest allowed value (with max: values outside are rejected by validate). */
    min?: number;
    /** Largest allowed value. */
    max?: number;
}
/** A number rounded to a multiple of `precision`, sent as a zigzag varint of steps. */
export declare function quantized(options: QuantizeOptions): Codec<number>;
/** Options of an angle. */
export interface AngleOptions {
    /** Bits per angle (default 12: steps of 0.088 degrees). At most 16. */
    bits?: number;
}
/**
 * An angle in radians, wrapped to [-pi, pi) and sent in `bits` bits (2 bytes);
 * its delta is the shortest signed step count, usually one byte.
 */
export declare function angle(options?: AngleOptions): Codec<number>;
/** Options of Vector3 and CFrame positions. */
export interface VectorOptions {
    /** Quantization step per axis (e.g. 1/64 stud). Without it, axes are f32. */
    precision?: number;
    /** Largest allowed |axis| value; larger values are rejected by validate. */
    range?: number;
}
/**
 * A Vector3. With `precision`: three zigzag varints of steps, and deltas of
 * steps per axis. Without: three f32 (12 bytes).
 */
export declare function vector3(options?: VectorOptions): Codec<Vector3>;
/** Options of a CFrame. */
export interface CFrameOptions extends VectorOptions {
    /** Bits per quaternion component in smallest-three form (default 12; 2..15). */
    rotationBits?: number;
}
/**
 * A CFrame: position as vector3(options) and rotation in smallest-three form
 * (2 + 3 x rotationBits bits; 5 bytes at the default 12). Deltas send a flags
 * byte and only the part that changed.
 */
export declare function cframe(options?: CFrameOptions): Codec<CFrame>;

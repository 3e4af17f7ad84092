/** Why a protobuf request body was refused; `status` is the HTTP code the API server answers with. */
export class ProtobufDecodeError extends Error {
  override readonly name = "ProtobufDecodeError";
  constructor(
    message: string,
    /** 400 for a body that is not valid protobuf; 415 for a well-formed body of a kind we cannot decode. */
    readonly status: 400 | 415 = 400,
  ) {
    super(message);
  }

  get reason(): "BadRequest" | "UnsupportedMediaType" {
    return this.status === 400 ? "BadRequest" : "UnsupportedMediaType";
  }
}

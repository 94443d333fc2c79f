/// What every route shares at the HTTP edge: query parameters become trusted values here
/// (`Params`), every response body is deterministic for its inputs, cacheable reads carry a strong
/// ETag and upstream's Cache-Control (`Replies`, `CachePolicy`), errors are `{"code","message"}`
/// (`ApiException`, `ErrorMapper`), CORS answers every path before routing (`Cors`).
package io.wya.social.http;

/**
 * Rust's `str::split_whitespace` splits on Unicode White_Space, which JavaScript's `\s` nearly
 * matches (it adds U+FEFF and lacks U+0085), so the set is spelled out for the places that must
 * split text as the core does (durations, wrapped labels).
 */
export const RUST_WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

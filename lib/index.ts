// The public API. This file only re-exports.

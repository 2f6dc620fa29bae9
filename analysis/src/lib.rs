//! Survey statistics and disclosure control (methodology.md). Never touches a database or the web.

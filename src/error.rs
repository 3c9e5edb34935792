//! One error type for the whole core: a stable machine code, a message a person can act on, and the
//! location (file, sheet, row, column, value, region, industry) needed to fix the input.

use serde::Serialize;
use std::fmt;

/// Where in the user's input an error or warning points. Rows are 1-based line numbers as a
/// spreadsheet shows them; columns are header names when known, else 1-based positions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
}

impl Location {
    pub fn file(name: impl Into<String>) -> Self {
        Location {
            file: Some(name.into()),
            ..Default::default()
        }
    }
    pub fn with_sheet(mut self, s: impl Into<String>) -> Self {
        self.sheet = Some(s.into());
        self
    }
    pub fn with_row(mut self, r: u64) -> Self {
        self.row = Some(r);
        self
    }
    pub fn with_column(mut self, c: impl Into<String>) -> Self {
        self.column = Some(c.into());
        self
    }
    pub fn with_value(mut self, v: impl Into<String>) -> Self {
        let v: String = v.into();
        // Keep messages readable when a whole binary blob lands in one cell.
        let v = if v.chars().count() > 60 {
            v.chars().take(60).collect::<String>() + "…"
        } else {
            v
        };
        self.value = Some(v);
        self
    }
    pub fn with_region(mut self, r: impl Into<String>) -> Self {
        self.region = Some(r.into());
        self
    }
    pub fn with_industry(mut self, i: impl Into<String>) -> Self {
        self.industry = Some(i.into());
        self
    }
    pub fn is_empty(&self) -> bool {
        *self == Location::default()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(x) = &self.file {
            parts.push(x.clone());
        }
        if let Some(x) = &self.sheet {
            parts.push(format!("sheet '{x}'"));
        }
        if let Some(x) = self.row {
            parts.push(format!("row {x}"));
        }
        if let Some(x) = &self.column {
            parts.push(format!("column '{x}'"));
        }
        if let Some(x) = &self.value {
            parts.push(format!("value '{x}'"));
        }
        if let Some(x) = &self.region {
            parts.push(format!("region '{x}'"));
        }
        if let Some(x) = &self.industry {
            parts.push(format!("industry '{x}'"));
        }
        write!(f, "{}", parts.join(", "))
    }
}

/// Stable error codes. Never renumber or rename: the CLI, the wasm API and user scripts match on them.
/// New codes are added at the end of their group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ErrorCode {
    // ingest: files and formats
    EmptyFile,
    BinaryFile,
    Encoding,
    UnknownFormat,
    CsvSyntax,
    RaggedRow,
    NoHeader,
    MissingColumn,
    DuplicateColumn,
    AmbiguousColumn,
    NonNumeric,
    NegativeValue,
    BadYear,
    DuplicateRow,
    TooLarge,
    XlsxRead,
    XlsxSheet,
    XlsxUnavailable,
    NoData,
    /// A region or industry code cell is empty.
    EmptyCode,
    // geometry
    GeometryParse,
    GeometryInvalid,
    GeometryEmpty,
    UnclosedRing,
    DuplicateId,
    MissingIdField,
    TopologyParse,
    ShapefileRead,
    // panel and indicators
    UnknownRegion,
    UnknownIndustry,
    UnknownYear,
    UnknownMeasure,
    ZeroTotal,
    MissingReference,
    InvalidParameter,
    InsufficientData,
    // clusters
    DefinitionDuplicate,
    DefinitionUnknownCode,
    UnknownCluster,
    // io model
    NotSquare,
    LabelMismatch,
    SingularMatrix,
    NegativeFlow,
    ZeroOutput,
    ColumnSumTooLarge,
    // graphs
    UnknownNode,
    SelfLoop,
    DuplicateEdge,
    EmptyGraph,
    // spatial
    WeightsParse,
    Islands,
    ZeroVariance,
    // jobs
    Cancelled,
    Internal,
}

impl ErrorCode {
    /// The stable string form, e.g. `E_MISSING_COLUMN`.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            EmptyFile => "E_EMPTY_FILE",
            BinaryFile => "E_BINARY_FILE",
            Encoding => "E_ENCODING",
            UnknownFormat => "E_UNKNOWN_FORMAT",
            CsvSyntax => "E_CSV_SYNTAX",
            RaggedRow => "E_RAGGED_ROW",
            NoHeader => "E_NO_HEADER",
            MissingColumn => "E_MISSING_COLUMN",
            DuplicateColumn => "E_DUPLICATE_COLUMN",
            AmbiguousColumn => "E_AMBIGUOUS_COLUMN",
            NonNumeric => "E_NON_NUMERIC",
            NegativeValue => "E_NEGATIVE_VALUE",
            BadYear => "E_BAD_YEAR",
            DuplicateRow => "E_DUPLICATE_ROW",
            TooLarge => "E_TOO_LARGE",
            XlsxRead => "E_XLSX_READ",
            XlsxSheet => "E_XLSX_SHEET",
            XlsxUnavailable => "E_XLSX_UNAVAILABLE",
            NoData => "E_NO_DATA",
            EmptyCode => "E_EMPTY_CODE",
            GeometryParse => "E_GEOMETRY_PARSE",
            GeometryInvalid => "E_GEOMETRY_INVALID",
            GeometryEmpty => "E_GEOMETRY_EMPTY",
            UnclosedRing => "E_UNCLOSED_RING",
            DuplicateId => "E_DUPLICATE_ID",
            MissingIdField => "E_MISSING_ID_FIELD",
            TopologyParse => "E_TOPOLOGY_PARSE",
            ShapefileRead => "E_SHAPEFILE_READ",
            UnknownRegion => "E_UNKNOWN_REGION",
            UnknownIndustry => "E_UNKNOWN_INDUSTRY",
            UnknownYear => "E_UNKNOWN_YEAR",
            UnknownMeasure => "E_UNKNOWN_MEASURE",
            ZeroTotal => "E_ZERO_TOTAL",
            MissingReference => "E_MISSING_REFERENCE",
            InvalidParameter => "E_INVALID_PARAMETER",
            InsufficientData => "E_INSUFFICIENT_DATA",
            DefinitionDuplicate => "E_DEFINITION_DUPLICATE",
            DefinitionUnknownCode => "E_DEFINITION_UNKNOWN_CODE",
            UnknownCluster => "E_UNKNOWN_CLUSTER",
            NotSquare => "E_NOT_SQUARE",
            LabelMismatch => "E_LABEL_MISMATCH",
            SingularMatrix => "E_SINGULAR_MATRIX",
            NegativeFlow => "E_NEGATIVE_FLOW",
            ZeroOutput => "E_ZERO_OUTPUT",
            ColumnSumTooLarge => "E_COLUMN_SUM_TOO_LARGE",
            UnknownNode => "E_UNKNOWN_NODE",
            SelfLoop => "E_SELF_LOOP",
            DuplicateEdge => "E_DUPLICATE_EDGE",
            EmptyGraph => "E_EMPTY_GRAPH",
            WeightsParse => "E_WEIGHTS_PARSE",
            Islands => "E_ISLANDS",
            ZeroVariance => "E_ZERO_VARIANCE",
            Cancelled => "E_CANCELLED",
            Internal => "E_INTERNAL",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error every public function returns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub location: Location,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{}: {} ({})", self.code, self.message, self.location)
        }
    }
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            location: Location::default(),
        }
    }
    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }
    /// The stable code string, e.g. `E_SINGULAR_MATRIX`.
    pub fn code_str(&self) -> &'static str {
        self.code.as_str()
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 3)?;
        st.serialize_field("code", self.code.as_str())?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("location", &self.location)?;
        st.end()
    }
}

/// A non-fatal finding reported beside results: suppressed cells, unjoined ids, skipped rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Location::is_empty")]
    pub location: Location,
}

impl Warning {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            location: Location::default(),
        }
    }
    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }
}

pub type Result<T> = std::result::Result<T, Error>;

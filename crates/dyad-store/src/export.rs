//! Table exports of the deduplicated events: CSV and Parquet (written with
//! the parquet crate's low-level column writers, no Arrow), plus a reader
//! that turns a Parquet file back into text cells for checking.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::record::Field;
use parquet::schema::types::Type;

use crate::query::{Cells, EventFilter, StoredEvent, EVENT_COLUMNS};
use crate::{Result, Store, StoreError};

/// Rows per Parquet row group.
const ROW_GROUP: usize = 65_536;

/// Writes the events matching `f` as CSV with a header row; returns rows.
pub fn write_csv(store: &Store, f: &EventFilter, out: &mut dyn Write) -> Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EVENT_COLUMNS)?;
    let mut n = 0;
    store.for_each_event(f, |e| {
        let cells = e.cells();
        w.write_record(cells.iter().map(|c| c.as_deref().unwrap_or("")))?;
        n += 1;
        Ok(())
    })?;
    w.flush()?;
    Ok(n)
}

/// The physical type of each export column (strings are UTF-8 byte arrays).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Str,
    I64,
    I32,
    F64,
    Bool,
}

/// Kind and nullability of each of [`EVENT_COLUMNS`].
const KINDS: [(Kind, bool); 22] = [
    (Kind::I64, false),  // id
    (Kind::Str, true),   // event_date
    (Kind::Str, false),  // date_precision
    (Kind::Str, false),  // event_type
    (Kind::Str, true),   // event_mode
    (Kind::Str, false),  // cameo_code
    (Kind::I32, false),  // quad_class
    (Kind::F64, false),  // goldstein
    (Kind::Bool, false), // negated
    (Kind::Str, false),  // actor_key
    (Kind::Str, true),   // actor_country
    (Kind::Str, true),   // actor_name
    (Kind::Str, false),  // recipient_key
    (Kind::Str, true),   // recipient_country
    (Kind::Str, true),   // recipient_name
    (Kind::Str, true),   // place_name
    (Kind::Str, true),   // place_country
    (Kind::F64, true),   // lat
    (Kind::F64, true),   // lon
    (Kind::I64, false),  // num_mentions
    (Kind::I64, false),  // num_sources
    (Kind::I64, false),  // num_articles
];

fn schema() -> Result<Arc<Type>> {
    let mut fields = Vec::with_capacity(EVENT_COLUMNS.len());
    for (name, (kind, nullable)) in EVENT_COLUMNS.iter().zip(KINDS) {
        let rep = if nullable {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        };
        let b = match kind {
            Kind::Str => Type::primitive_type_builder(name, PhysicalType::BYTE_ARRAY)
                .with_converted_type(ConvertedType::UTF8),
            Kind::I64 => Type::primitive_type_builder(name, PhysicalType::INT64),
            Kind::I32 => Type::primitive_type_builder(name, PhysicalType::INT32),
            Kind::F64 => Type::primitive_type_builder(name, PhysicalType::DOUBLE),
            Kind::Bool => Type::primitive_type_builder(name, PhysicalType::BOOLEAN),
        };
        fields.push(Arc::new(b.with_repetition(rep).build()?));
    }
    Ok(Arc::new(
        Type::group_type_builder("dyad_event")
            .with_fields(fields)
            .build()?,
    ))
}

/// Writes the events matching `f` to a Parquet file; returns rows.
pub fn write_parquet(store: &Store, f: &EventFilter, path: &Path) -> Result<usize> {
    let file = File::create(path)?;
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut w = SerializedFileWriter::new(file, schema()?, props)?;
    let mut batch: Vec<StoredEvent> = Vec::with_capacity(1024);
    let mut n = 0;
    store.for_each_event(f, |e| {
        batch.push(e);
        n += 1;
        if batch.len() >= ROW_GROUP {
            write_group(&mut w, &batch)?;
            batch.clear();
        }
        Ok(())
    })?;
    if !batch.is_empty() || n == 0 {
        write_group(&mut w, &batch)?;
    }
    w.close()?;
    Ok(n)
}

fn write_group(w: &mut SerializedFileWriter<File>, rows: &[StoredEvent]) -> Result<()> {
    let mut rg = w.next_row_group()?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column()? {
        write_column(&mut col, i, rows)?;
        col.close()?;
        i += 1;
    }
    rg.close()?;
    Ok(())
}

/// Definition levels and present values of an optional column.
fn levels<U>(rows: &[StoredEvent], get: impl Fn(&StoredEvent) -> Option<U>) -> (Vec<U>, Vec<i16>) {
    let mut vals = Vec::with_capacity(rows.len());
    let mut defs = Vec::with_capacity(rows.len());
    for r in rows {
        match get(r) {
            Some(v) => {
                vals.push(v);
                defs.push(1);
            }
            None => defs.push(0),
        }
    }
    (vals, defs)
}

fn write_column(col: &mut SerializedColumnWriter, i: usize, rows: &[StoredEvent]) -> Result<()> {
    let (kind, nullable) = KINDS
        .get(i)
        .copied()
        .ok_or_else(|| StoreError::Parquet(format!("unexpected column {i}")))?;
    let defs_of = |d: Vec<i16>| if nullable { Some(d) } else { None };
    match kind {
        Kind::Str => {
            let (v, d) = levels(rows, |r| str_cell(r, i).map(ByteArray::from));
            col.typed::<ByteArrayType>()
                .write_batch(&v, defs_of(d).as_deref(), None)?;
        }
        Kind::I64 => {
            let (v, d) = levels(rows, |r| match i {
                0 => Some(r.id),
                19 => Some(r.num_mentions),
                20 => Some(r.num_sources),
                _ => Some(r.num_articles),
            });
            col.typed::<Int64Type>()
                .write_batch(&v, defs_of(d).as_deref(), None)?;
        }
        Kind::I32 => {
            let (v, d) = levels(rows, |r| Some(r.quad_class as i32));
            col.typed::<Int32Type>()
                .write_batch(&v, defs_of(d).as_deref(), None)?;
        }
        Kind::F64 => {
            let (v, d) = levels(rows, |r| match i {
                7 => Some(r.goldstein),
                17 => r.lat,
                _ => r.lon,
            });
            col.typed::<DoubleType>()
                .write_batch(&v, defs_of(d).as_deref(), None)?;
        }
        Kind::Bool => {
            let (v, d) = levels(rows, |r| Some(r.negated));
            col.typed::<BoolType>()
                .write_batch(&v, defs_of(d).as_deref(), None)?;
        }
    }
    Ok(())
}

/// The text columns of a row by index in [`EVENT_COLUMNS`].
fn str_cell(r: &StoredEvent, i: usize) -> Option<&str> {
    match i {
        1 => r.event_date.as_deref(),
        2 => Some(&r.date_precision),
        3 => Some(&r.event_type),
        4 => r.event_mode.as_deref(),
        5 => Some(&r.cameo_code),
        9 => Some(&r.actor_key),
        10 => r.actor_country.as_deref(),
        11 => r.actor_name.as_deref(),
        12 => Some(&r.recipient_key),
        13 => r.recipient_country.as_deref(),
        14 => r.recipient_name.as_deref(),
        15 => r.place_name.as_deref(),
        16 => r.place_country.as_deref(),
        _ => None,
    }
}

/// Reads a Parquet file back as text cells (the same text as
/// [`StoredEvent::cells`]), with its column names.
pub fn read_parquet_cells(path: &Path) -> Result<(Vec<String>, Vec<Cells>)> {
    let reader = SerializedFileReader::new(File::open(path)?)?;
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None)? {
        let row = row?;
        let cells = row
            .get_column_iter()
            .map(|(_, f)| match f {
                Field::Null => None,
                Field::Str(s) => Some(s.clone()),
                Field::Long(v) => Some(v.to_string()),
                Field::Int(v) => Some(v.to_string()),
                Field::Double(v) => Some(v.to_string()),
                Field::Bool(v) => Some(v.to_string()),
                other => Some(other.to_string()),
            })
            .collect();
        rows.push(cells);
    }
    Ok((names, rows))
}

//! A zip of files stored as they are (no compression), for the units'
//! packs ([`super::packs`]): each is an .xlsx, deflated already.
//!
//! Written here rather than with the zip crate's writer: its seekable
//! writer added 31 KB to the file worker (13 KB gzipped) that nothing else
//! uses, and its stream writer (the one rust_xlsxwriter uses) puts a
//! stored entry's sizes after its data, which streaming readers refuse
//! (Java's ZipInputStream: "only DEFLATED entries can have EXT
//! descriptor"). This costs 0.5 KB.
//! Here every size is in the entry's header. No zip64: at most 65,535
//! files and 4 GB, far above a bloc's packs.

/// 1980-01-01 00:00 in MS-DOS form: the page has no clock worth writing,
/// and the same files give the same bytes.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Version 1.0 is enough for stored entries.
const VERSION: u16 = 10;
/// Names are UTF-8 (bit 11).
const UTF8: u16 = 1 << 11;

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Too many files or bytes for a zip without zip64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

/// The zip of `files` (name, content), in this order.
pub fn stored_zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, TooLarge> {
    let count = u16::try_from(files.len()).map_err(|_| TooLarge)?;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = u32::try_from(out.len()).map_err(|_| TooLarge)?;
        let size = u32::try_from(data.len()).map_err(|_| TooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge)?;
        let crc = crc32fast::hash(data);
        let flags = if name.is_ascii() { 0 } else { UTF8 };
        // The fields a local header and a central record share, from
        // "version needed" to the name's length.
        let mut common = Vec::with_capacity(26);
        for v in [VERSION, flags, 0, DOS_TIME, DOS_DATE] {
            u16le(&mut common, v);
        }
        for v in [crc, size, size] {
            u32le(&mut common, v);
        }
        u16le(&mut common, name_len);
        u16le(&mut common, 0); // extra field length

        u32le(&mut out, 0x0403_4b50);
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, VERSION); // made by: MS-DOS, 1.0
        central.extend_from_slice(&common);
        for v in [0u16, 0, 0] {
            u16le(&mut central, v); // comment length, disk, internal attributes
        }
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let at = u32::try_from(out.len()).map_err(|_| TooLarge)?;
    let len = u32::try_from(central.len()).map_err(|_| TooLarge)?;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for v in [0, 0, count, count] {
        u16le(&mut out, v);
    }
    u32le(&mut out, len);
    u32le(&mut out, at);
    u16le(&mut out, 0); // comment length
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    #[test]
    fn any_zip_reader_reads_it_back_with_sizes_in_the_headers() {
        let files = vec![
            (
                "01-duc-tho.xlsx".to_string(),
                b"PK\x03\x04 not really".to_vec(),
            ),
            ("trống.txt".to_string(), Vec::new()),
            ("03-ky-anh.xlsx".to_string(), vec![7u8; 70_000]),
        ];
        let zip = stored_zip(&files).unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(zip.clone())).unwrap();
        assert_eq!(z.len(), 3);
        for (name, data) in &files {
            let mut f = z.by_name(name).unwrap();
            assert_eq!(f.compression(), zip::CompressionMethod::Stored);
            let mut back = Vec::new();
            f.read_to_end(&mut back).unwrap();
            assert_eq!(&back, data, "{name}");
        }
        // The first local header: no data descriptor (bit 3), sizes there.
        assert_eq!(&zip[..4], b"PK\x03\x04");
        let flags = u16::from_le_bytes([zip[6], zip[7]]);
        assert_eq!(flags & 8, 0);
        let size = u32::from_le_bytes([zip[22], zip[23], zip[24], zip[25]]);
        assert_eq!(size as usize, files[0].1.len());
        // Deterministic.
        assert_eq!(stored_zip(&files).unwrap(), zip);
        assert_eq!(stored_zip(&[]).unwrap().len(), 22);
    }
}

//! The connection: a `postgres://` address read into typed values (the
//! TLS mode and root certificate, the password from the address, the
//! caller, `PGPASSWORD` or `~/.pgpass`), TLS with rustls, and the address as
//! shown in messages (never the password).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use postgres::config::SslMode;
use postgres::{Client, Config};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use permit_store::StoreError;

/// How the connection is protected (libpq's `sslmode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// No TLS.
    Disable,
    /// TLS when the server offers it (libpq's default), unverified.
    Prefer,
    /// TLS or no connection; the certificate is not verified.
    Require,
    /// TLS, the certificate signed by the root certificate (`sslrootcert`).
    VerifyCa,
    /// As `VerifyCa`, and the certificate names the host.
    VerifyFull,
}

/// A team workspace's address, read and checked.
#[derive(Clone)]
pub struct Address {
    config: Config,
    tls: Tls,
    root_cert: Option<PathBuf>,
    shown: String,
}

impl fmt::Debug for Address {
    /// The address without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Address")
            .field("address", &self.shown)
            .field("tls", &self.tls)
            .finish()
    }
}

/// Whether `text` is a team workspace address (a `postgres://` or
/// `postgresql://` URL) rather than a file.
pub fn is_address(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

fn invalid(shown: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid {
        path: PathBuf::from(shown),
        message: message.into(),
    }
}

impl Address {
    /// Reads a `postgres://user[:password]@host[:port]/database[?params]`
    /// address. Parameters as libpq's: `sslmode` (`disable`, `prefer`,
    /// `require`, `verify-ca`, `verify-full`), `sslrootcert` (a PEM file;
    /// default `~/.postgresql/root.crt`), `options` (e.g.
    /// `-csearch_path=team`), `connect_timeout`, `application_name`.
    pub fn parse(url: &str) -> Result<Address, StoreError> {
        let shown = redact(url);
        if !is_address(url) {
            return Err(invalid(
                &shown,
                "a team workspace address starts with postgres:// or postgresql://",
            ));
        }
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (url, None),
        };
        let mut tls = Tls::Prefer;
        let mut root_cert = None;
        let mut kept = Vec::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "sslmode" => {
                    tls = match v {
                        "disable" => Tls::Disable,
                        "allow" | "prefer" => Tls::Prefer,
                        "require" => Tls::Require,
                        "verify-ca" => Tls::VerifyCa,
                        "verify-full" => Tls::VerifyFull,
                        other => {
                            return Err(invalid(
                                &shown,
                                format!(
                                    "sslmode={other} is not known: accepted are disable, prefer, \
                                     require, verify-ca, verify-full"
                                ),
                            ))
                        }
                    }
                }
                "sslrootcert" => root_cert = Some(PathBuf::from(percent_decode(v))),
                _ => kept.push(pair),
            }
        }
        let rest = if kept.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        let mut config: Config = rest
            .parse()
            .map_err(|e| invalid(&shown, format!("not a PostgreSQL address: {e}")))?;
        config.ssl_mode(match tls {
            Tls::Disable => SslMode::Disable,
            Tls::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        });
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("permit-packet");
        }
        if config.get_user().is_none() {
            if let Some(user) = std::env::var_os("PGUSER").or_else(|| std::env::var_os("USER")) {
                config.user(user.to_string_lossy().as_ref());
            }
        }
        Ok(Address {
            config,
            tls,
            root_cert,
            shown,
        })
    }

    /// The address as shown to people: without the password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The login the address connects as.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or("")
    }

    /// The database name (the login's name when not given).
    pub fn dbname(&self) -> &str {
        self.config.get_dbname().unwrap_or(self.user())
    }

    /// `host:port` as an address writes it (a socket folder percent-encoded).
    pub fn host_for_url(&self) -> String {
        let host = match self.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            Some(postgres::config::Host::Unix(p)) => p
                .to_string_lossy()
                .bytes()
                .map(|b| match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    b => format!("%{b:02X}"),
                })
                .collect(),
            None => "localhost".to_owned(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        format!("{host}:{port}")
    }

    /// The TLS mode.
    pub fn tls(&self) -> Tls {
        self.tls
    }

    /// Whether a password is set (in the address or by [`Address::set_password`]).
    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    /// Sets the password (from the keyring, a prompt or a file; never
    /// shown). The address given wins over it.
    pub fn set_password(&mut self, password: &[u8]) {
        if !self.has_password() {
            self.config.password(password);
        }
    }

    /// Fills in a missing password from `PGPASSWORD`, then from the
    /// password file (`PGPASSFILE`, else `~/.pgpass`), as libpq does.
    pub fn password_from_environment(&mut self) {
        if self.has_password() {
            return;
        }
        if let Some(pw) = std::env::var_os("PGPASSWORD") {
            self.config.password(pw.to_string_lossy().as_bytes());
            return;
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")));
        if let Some(pw) = file.and_then(|f| self.pgpass_lookup(&f)) {
            self.config.password(pw.as_bytes());
        }
    }

    /// The password for this address in a libpq password file
    /// (`host:port:database:user:password`, `*` matching anything, `\`
    /// escaping `:` and `\`). Ignored when others may read it, as libpq does.
    fn pgpass_lookup(&self, file: &Path) -> Option<String> {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(file).ok()?;
        if meta.permissions().mode() & 0o077 != 0 || meta.len() > 1 << 20 {
            return None;
        }
        let text = std::fs::read_to_string(file).ok()?;
        let host = match self.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            _ => "localhost".to_owned(),
        };
        let port = self
            .config
            .get_ports()
            .first()
            .copied()
            .unwrap_or(5432)
            .to_string();
        let db = self.config.get_dbname().unwrap_or(self.user()).to_owned();
        let want = [host.as_str(), port.as_str(), db.as_str(), self.user()];
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(pgpass_fields)
            .find(|f| {
                f.len() == 5
                    && f[..4]
                        .iter()
                        .zip(want)
                        .all(|(field, w)| field == "*" || field == w)
            })
            .map(|mut f| f.remove(4))
    }

    /// Connects. Errors name the server: [`StoreError::Unreachable`] for a
    /// server that does not answer, refuses the login or the TLS.
    pub fn connect(&self) -> Result<Client, StoreError> {
        let result = match self.tls {
            Tls::Disable => self.config.connect(postgres::NoTls),
            _ => self.config.connect(self.rustls()?),
        };
        result.map_err(|e| self.connect_error(&e))
    }

    /// The TLS connector for the mode.
    fn rustls(&self) -> Result<MakeRustlsConnect, StoreError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| invalid(&self.shown, format!("TLS: {e}")))?;
        let config = match self.tls {
            Tls::VerifyCa | Tls::VerifyFull => {
                let roots = self.roots()?;
                let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider,
                )
                .build()
                .map_err(|e| invalid(&self.shown, format!("TLS: {e}")))?;
                let verifier: Arc<dyn ServerCertVerifier> = if self.tls == Tls::VerifyFull {
                    webpki
                } else {
                    Arc::new(AnyName(webpki))
                };
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(verifier)
                    .with_no_client_auth()
            }
            _ => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
                .with_no_client_auth(),
        };
        Ok(MakeRustlsConnect::new(config))
    }

    /// The root certificates of `sslrootcert` (default `~/.postgresql/root.crt`).
    fn roots(&self) -> Result<RootCertStore, StoreError> {
        let file = self.root_cert.clone().or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".postgresql/root.crt"))
        });
        let Some(file) = file else {
            return Err(invalid(
                &self.shown,
                "sslmode=verify-ca and verify-full need the server's root certificate: add sslrootcert=FILE",
            ));
        };
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&file)
            .and_then(|it| it.collect::<Result<_, _>>())
            .map_err(|e| {
                invalid(
                    &self.shown,
                    format!(
                        "the root certificate {} cannot be read: {e}",
                        file.display()
                    ),
                )
            })?;
        let mut roots = RootCertStore::empty();
        for c in certs {
            roots.add(c).map_err(|e| {
                invalid(
                    &self.shown,
                    format!("the root certificate {} is refused: {e}", file.display()),
                )
            })?;
        }
        if roots.is_empty() {
            return Err(invalid(
                &self.shown,
                format!("{} holds no certificate", file.display()),
            ));
        }
        Ok(roots)
    }

    fn connect_error(&self, e: &postgres::Error) -> StoreError {
        let path = PathBuf::from(&self.shown);
        if let Some(db) = e.as_db_error() {
            let code = db.code().code();
            let message = if code.starts_with("28") {
                format!(
                    "the server refused the login {:?} (wrong password, or no such login): {}",
                    self.user(),
                    db.message()
                )
            } else if code == "3D000" {
                format!("the server has no such database: {}", db.message())
            } else {
                db.message().to_owned()
            };
            return StoreError::Unreachable { path, message };
        }
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message = format!("{message}: {s}");
            source = s.source();
        }
        StoreError::Unreachable {
            path,
            message: format!("cannot reach the server: {message}"),
        }
    }

    /// Where the workspace is, for messages (the address without password).
    pub fn location(&self) -> PathBuf {
        PathBuf::from(&self.shown)
    }
}

/// The fields of one `.pgpass` line.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(f)) = (chars.next(), out.last_mut()) {
                    f.push(n);
                }
            }
            ':' if out.len() < 5 => out.push(String::new()),
            c => {
                if let Some(f) = out.last_mut() {
                    f.push(c)
                }
            }
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The address with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    rewrite_password(url, Some("***"))
}

/// The address with any password left out (what the app remembers; the
/// password goes to the keyring).
pub fn without_password(url: &str) -> String {
    rewrite_password(url, None)
}

/// `url` with its password (in the user part or as a `password=`
/// parameter) replaced by `mask`, or left out when `mask` is `None`.
fn rewrite_password(url: &str, mask: Option<&str>) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let mut shown = match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            let user = userinfo.split(':').next().unwrap_or("");
            let masked = match mask {
                Some(m) if userinfo.contains(':') => format!("{user}:{m}"),
                _ => user.to_owned(),
            };
            format!("{}{}{}", &url[..scheme_end + 3], masked, &rest[at..])
        }
        None => url.to_owned(),
    };
    // A password given as a parameter goes too.
    if let Some(q) = shown.find('?') {
        let (head, query) = shown.split_at(q + 1);
        let query: Vec<String> = query
            .split('&')
            .filter_map(|p| match (p.starts_with("password="), mask) {
                (true, Some(m)) => Some(format!("password={m}")),
                (true, None) => None,
                (false, _) => Some(p.to_owned()),
            })
            .collect();
        shown = if query.is_empty() {
            head.trim_end_matches('?').to_owned()
        } else {
            format!("{head}{}", query.join("&"))
        };
    }
    shown
}

/// `require`: encrypted, the certificate not checked (libpq's meaning);
/// the handshake's signatures are still verified.
#[derive(Debug)]
struct Unverified(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain is checked, the host name is not.
#[derive(Debug)]
struct AnyName(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName))
            | Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remembered_address_holds_no_password() {
        assert_eq!(
            without_password("postgres://ana:s3cret@db.example:5432/team?sslmode=require"),
            "postgres://ana@db.example:5432/team?sslmode=require"
        );
        assert_eq!(
            without_password("postgresql://db/team?user=ana&password=s3cret&sslmode=verify-full"),
            "postgresql://db/team?user=ana&sslmode=verify-full"
        );
        assert_eq!(
            without_password("postgres://ana@db/team?password=s3cret"),
            "postgres://ana@db/team"
        );
        assert_eq!(
            without_password("postgres://ana@db/team"),
            "postgres://ana@db/team"
        );
    }

    #[test]
    fn the_password_never_shows() {
        assert_eq!(
            redact("postgres://ana:s3cret@db.example:5432/team?sslmode=require"),
            "postgres://ana:***@db.example:5432/team?sslmode=require"
        );
        assert_eq!(
            redact("postgresql://db/team?user=ana&password=s3cret"),
            "postgresql://db/team?user=ana&password=***"
        );
        let a = Address::parse("postgres://ana:s3cret@db.example/team").unwrap();
        assert!(!format!("{a:?}").contains("s3cret"));
        assert!(!a.shown().contains("s3cret"));
    }

    #[test]
    fn sslmode_is_read_and_an_unknown_one_named() {
        let a = Address::parse(
            "postgres://ana@db/team?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.pem",
        )
        .unwrap();
        assert_eq!(a.tls(), Tls::VerifyFull);
        assert_eq!(a.root_cert.as_deref(), Some(Path::new("/tmp/ca.pem")));
        let e = Address::parse("postgres://ana@db/team?sslmode=sometimes").unwrap_err();
        assert!(e.to_string().contains("sslmode=sometimes"), "{e}");
        assert!(e.to_string().contains("verify-full"), "{e}");
    }

    #[test]
    fn a_pgpass_line_matches_with_wildcards_and_escapes() {
        assert_eq!(
            pgpass_fields(r"db:5432:*:ana:pa\:ss\\word"),
            vec!["db", "5432", "*", "ana", r"pa:ss\word"]
        );
    }
}

//! A test-made public key infrastructure: a root CA, intermediates and leaves issued by them,
//! each an RSA key and certificate made by the `openssl` command in a directory removed on
//! drop.

use std::path::PathBuf;
use std::process::Command;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// What a certificate is for, as its extensions say.
#[derive(Debug, Clone, Copy)]
pub enum Role {
    /// A CA: basicConstraints `CA:TRUE`, keyUsage `keyCertSign, cRLSign`.
    Ca,
    /// A signer: keyUsage `digitalSignature, nonRepudiation`, no extended key usage.
    Signer,
    /// A signer with an extended key usage that is not TLS server's (`clientAuth,
    /// emailProtection`).
    SignerWithEku,
    /// A leaf whose keyUsage only encrypts keys (`keyEncipherment`).
    Encipherer,
}

impl Role {
    fn extensions(self) -> &'static str {
        match self {
            Role::Ca => {
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n\
                 subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
            }
            Role::Signer => {
                "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
                 subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
            }
            Role::SignerWithEku => {
                "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n\
                 extendedKeyUsage=clientAuth,emailProtection\n\
                 subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
            }
            Role::Encipherer => {
                "basicConstraints=CA:FALSE\nkeyUsage=critical,keyEncipherment\n\
                 subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
            }
        }
    }
}

/// The directory the certificates of one test are made in.
pub struct Pki {
    dir: PathBuf,
    serial: std::cell::Cell<u32>,
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A certificate (PEM) and its key (PKCS#8 PEM), with the file name they were made under.
#[derive(Debug, Clone)]
pub struct Issued {
    pub name: String,
    pub certificate: Vec<u8>,
    pub key: Vec<u8>,
}

impl Issued {
    /// The certificate as DER.
    pub fn der(&self) -> Vec<u8> {
        CertificateDer::from_pem_slice(&self.certificate)
            .unwrap()
            .as_ref()
            .to_vec()
    }
}

fn run(command: &mut Command) {
    let output = command
        .output()
        .expect("the `openssl` command is needed to make test keys");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

impl Pki {
    /// A new, empty directory for the test `test`.
    pub fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("soap-runtime-pki-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Pki {
            dir,
            serial: std::cell::Cell::new(0x1000),
        }
    }

    /// A self-signed certificate `name` for `subject` (`/CN=...`), as `role` says, valid for
    /// `days`.
    pub fn self_signed(&self, name: &str, subject: &str, role: Role, days: u32) -> Issued {
        self.write_extensions(name, role);
        run(Command::new("openssl").current_dir(&self.dir).args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            &days.to_string(),
            "-subj",
            subject,
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.pem"),
            "-config",
            &format!("{name}.ext"),
            "-extensions",
            "v3",
        ]));
        self.read(name)
    }

    /// A certificate `name` for `subject`, issued by `issuer` as `role` says, valid for `days`.
    pub fn issue(
        &self,
        issuer: &Issued,
        name: &str,
        subject: &str,
        role: Role,
        days: u32,
    ) -> Issued {
        self.write_extensions(name, role);
        run(Command::new("openssl").current_dir(&self.dir).args([
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            subject,
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.csr"),
        ]));
        let serial = self.serial.get() + 1;
        self.serial.set(serial);
        run(Command::new("openssl").current_dir(&self.dir).args([
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            &format!("{}.pem", issuer.name),
            "-CAkey",
            &format!("{}.key", issuer.name),
            "-set_serial",
            &serial.to_string(),
            "-days",
            &days.to_string(),
            "-sha256",
            "-extfile",
            &format!("{name}.ext"),
            "-extensions",
            "v3",
            "-out",
            &format!("{name}.pem"),
        ]));
        self.read(name)
    }

    /// A certificate revocation list (PEM) of `issuer`, valid for `days`, revoking `revoked`
    /// besides the certificates revoked by this issuer's earlier lists (revocations
    /// accumulate, as in a CA's database).
    pub fn revocation_list(&self, issuer: &Issued, revoked: &[&Issued], days: u32) -> Vec<u8> {
        let name = &issuer.name;
        let config = format!("{name}.ca.cnf");
        if !self.dir.join(&config).exists() {
            std::fs::write(self.dir.join(format!("{name}.index")), "").unwrap();
            std::fs::write(self.dir.join(format!("{name}.crlnumber")), "01\n").unwrap();
            let text = format!(
                "[ca]\ndefault_ca=issuer\n[issuer]\ndatabase={name}.index\n\
                 crlnumber={name}.crlnumber\ndefault_md=sha256\ncertificate={name}.pem\n\
                 private_key={name}.key\ncrl_extensions=crl_ext\n\
                 [crl_ext]\nauthorityKeyIdentifier=keyid:always\n"
            );
            std::fs::write(self.dir.join(&config), text).unwrap();
        }
        for certificate in revoked {
            run(Command::new("openssl").current_dir(&self.dir).args([
                "ca",
                "-config",
                &config,
                "-revoke",
                &format!("{}.pem", certificate.name),
            ]));
        }
        let out = format!("{name}.crl.pem");
        run(Command::new("openssl").current_dir(&self.dir).args([
            "ca",
            "-config",
            &config,
            "-gencrl",
            "-crldays",
            &days.to_string(),
            "-out",
            &out,
        ]));
        std::fs::read(self.dir.join(out)).unwrap()
    }

    /// `NAME.ext`: an `openssl req` configuration whose `v3` section holds `role`'s
    /// extensions (also an `openssl x509 -extfile`).
    fn write_extensions(&self, name: &str, role: Role) {
        let config = format!(
            "[req]\ndistinguished_name=dn\n[dn]\n[v3]\n{}",
            role.extensions()
        );
        std::fs::write(self.dir.join(format!("{name}.ext")), config).unwrap();
    }

    fn read(&self, name: &str) -> Issued {
        Issued {
            name: name.to_string(),
            certificate: std::fs::read(self.dir.join(format!("{name}.pem"))).unwrap(),
            key: std::fs::read(self.dir.join(format!("{name}.key"))).unwrap(),
        }
    }
}

import Foundation
import TestSupport
import Testing

/// `scripts/install` as a user runs it, into a temporary prefix: the files land, bash loads the
/// completions, `man -l` renders the page, and `--uninstall` takes it all away again.
@Suite struct InstallScriptTests {
  /// The checkout, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  @Test func versionPrintsThePackageVersion() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let result = try TraintopBinary.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.9.0\n")
    let source = try String(contentsOfFile: Self.root + "/Sources/traintop/Version.swift", encoding: .utf8)
    #expect(source.contains(#"static let current = "0.9.0""#))
  }

  @Test func installsBinaryManualAndCompletionsThenUninstalls() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let prefix = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    // The generate-manual tool is built once into a git-ignored folder, then reused.
    let install = try ChildProcess.run(
      "/bin/bash",
      [
        Self.root + "/scripts/install", "--prefix", prefix, "--binary", binary, "--scratch-path",
        Self.root + "/.build-install-tools",
      ])
    #expect(install.status == 0, "\(install.stderr)")
    #expect(install.stdout.contains("To uninstall: scripts/install --uninstall --prefix \(prefix)"))
    let files = [
      "bin/traintop", "share/man/man1/traintop.1", "share/bash-completion/completions/traintop",
      "share/zsh/site-functions/_traintop", "share/fish/vendor_completions.d/traintop.fish",
    ]
    for file in files { #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)") }
    #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/traintop"))

    // bash loads the completion and completes a subcommand and a flag.
    let script = """
      source \(prefix)/share/bash-completion/completions/traintop
      complete -p traintop
      # As bash calls it: _traintop COMMAND CURRENT-WORD PREVIOUS-WORD.
      COMP_WORDS=(traintop tr); COMP_CWORD=1; COMP_LINE="traintop tr"; COMP_POINT=${#COMP_LINE}
      COMPREPLY=(); _traintop traintop tr traintop; echo "words: ${COMPREPLY[*]}"
      COMP_WORDS=(traintop train --pa); COMP_CWORD=2; COMP_LINE="traintop train --pa"; COMP_POINT=${#COMP_LINE}
      COMPREPLY=(); _traintop traintop --pa train; echo "flags: ${COMPREPLY[*]}"
      """
    let bash = try ChildProcess.run("/bin/bash", ["-c", script])
    #expect(
      bash.stdout.contains("complete -o filenames -F _traintop traintop"), "\(bash.stdout)\(bash.stderr)")
    #expect(bash.stdout.contains("words: train"), "\(bash.stdout)")
    #expect(bash.stdout.contains("flags: --pace"), "\(bash.stdout)")

    // The manual renders, with the commands and their flags.
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
      let man = try ChildProcess.run(
        "/usr/bin/man", ["-l", prefix + "/share/man/man1/traintop.1"],
        environment: ["MANWIDTH": "100", "PATH": "/usr/bin:/bin"])
      #expect(man.status == 0, "\(man.stderr)")
      #expect(
        man.stdout.contains("TRAINTOP(1)") && man.stdout.contains("--pace"), "\(man.stdout.prefix(400))")
    } else {
      Issue.record("man is not installed: the manual page was not rendered (CI's image has man-db)")
    }

    let uninstall = try ChildProcess.run(
      "/bin/bash", [Self.root + "/scripts/install", "--uninstall", "--prefix", prefix])
    #expect(uninstall.status == 0, "\(uninstall.stderr)")
    for file in files { #expect(!FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)") }
  }
}

#!/usr/bin/env bash
# The Debian package, as a user gets it: build the .deb with CPack in BUILD_DIR, unpack it with
# dpkg -x into a fresh directory (no root, no dpkg database), and run the unpacked binary from
# there: --version, a dry-run invoice of the example books, the Danish messages it carries.
# Also checks the package's Depends and that the manual pages and completions are inside.
#   bash tests/package/test_deb.sh BUILD_DIR SOURCE_DIR      (.ci/run runs it on build/ci)
set -u
build=$(realpath -- "$1")
source_dir=$(realpath -- "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/honorar-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/lib.sh"

rm -f "$build"/honorar_*.deb
if (cd "$build" && cpack -G DEB >"$tmp/cpack.log" 2>&1); then ok; else
  bad "cpack -G DEB"
  cat "$tmp/cpack.log"
  summary
  exit 1
fi
deb=$(ls "$build"/honorar_*.deb 2>/dev/null | head -n 1)
[ -f "$deb" ] && ok || bad "no honorar_*.deb in $build"
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# The libraries honorar loads at run time (pango/cairo, libcurl by dlopen) and the PDF font ...
# (fmt and toml++ are compiled in, libstdc++ and SQLite linked statically: cmake/Dependencies.cmake.)
for p in libc6 libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libcurl4 fonts-dejavu-core; do
  [[ $depends == *"$p"* ]] && ok || bad "Depends lacks $p"
done
# ... and the package of every library the binary records as NEEDED (what ldd shows).
for lib in $(objdump -p "$build/cli/honorar" | awk '$1 == "NEEDED" {print $2}'); do
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
  pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(realpath "$path")" 2>/dev/null)
  pkg=${pkg%%:*}
  if [ -n "$pkg" ] && [[ $depends == *"$pkg"* ]]; then ok; else bad "$lib ($path, package ${pkg:-?}) is not in Depends"; fi
done

root=$tmp/root
dpkg -x "$deb" "$root" && ok || bad "dpkg -x"
for f in usr/bin/honorar usr/share/man/man1/honorar.1.gz usr/share/man/man1/honorar-invoice.1.gz \
  usr/share/man/man5/honorar.5.gz usr/share/man/man7/honorar-rules.7.gz \
  usr/share/bash-completion/completions/honorar usr/share/zsh/vendor-completions/_honorar \
  usr/share/locale/da/LC_MESSAGES/honorar.mo; do
  # CPack may or may not compress the pages: either is fine.
  if [ -e "$root/$f" ] || [ -e "$root/${f%.gz}" ]; then ok; else bad "the package lacks /$f"; fi
done

bin=$root/usr/bin/honorar
version=$("$bin" --version 2>&1) && ok || bad "honorar --version failed: $version"
[[ $version == "honorar "* ]] && ok || bad "--version printed: $version"
echo "$version"

cp -R "$source_dir/examples/books" "$tmp/books"
out=$(cd "$tmp" && env -u HONORAR_BOOKS "$bin" --books books --today 2026-11-01 invoice --month last --dry-run 2>"$tmp/err")
status=$?
[ "$status" -eq 0 ] && ok || bad "the dry-run invoice exited $status: $(cat "$tmp/err")"
[[ $out == "Fakturering for 2026-10 (prøvekørsel, intet er skrevet)"* ]] && ok || bad "the dry run printed: ${out:0:300}"
[ ! -e "$tmp/books/honorar.db" ] && ok || bad "the dry run wrote a register"

# A real run from the package, then a PDF of its first document, through pango and cairo, which
# honorar loads on first use (the package's Depends must bring them).
if (cd "$tmp" && env -u HONORAR_BOOKS "$bin" --books books --today 2026-11-01 -q invoice --month last >/dev/null 2>"$tmp/err"); then ok; else
  bad "the invoice run failed: $(cat "$tmp/err")"
fi
(cd "$tmp" && env -u HONORAR_BOOKS "$bin" --books books register render 1001 --format pdf >"$tmp/1001.pdf" 2>"$tmp/err")
if [ "$(head -c 5 "$tmp/1001.pdf")" = "%PDF-" ]; then ok; else bad "register render 1001 --format pdf: $(cat "$tmp/err")"; fi

# The unpacked tree's catalogue is found beside the binary (usr/share/locale).
msg=$(env -u LC_MESSAGES -u HONORAR_LOCALEDIR LC_ALL=C.UTF-8 LANGUAGE=da "$bin" --today x notice 2025-11-18 2>&1)
[[ $msg == *"skal være ÅÅÅÅ-MM-DD"* ]] && ok || bad "no Danish messages from the package: $msg"

summary

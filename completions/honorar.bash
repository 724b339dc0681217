# bash completion for honorar(1).                                    -*- shell-script -*-
# Installed as share/bash-completion/completions/honorar; loaded on demand by bash-completion,
# or by hand: source completions/honorar.bash
#
# Completes the commands and their Danish aliases, the options of each, --format values per
# command, months (last and the last twelve YYYY-MM), dates (today), notice rules, and contract
# ids and document numbers read from the books (--books DIR, else $HONORAR_BOOKS, else .) with
# sed and ls: honorar itself is never run.

_honorar_books_dir() {
    local i
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        if [[ ${COMP_WORDS[i]} == --books ]]; then
            if [[ ${COMP_WORDS[i + 1]} == = ]]; then
                printf '%s\n' "${COMP_WORDS[i + 2]}"
            else
                printf '%s\n' "${COMP_WORDS[i + 1]}"
            fi
            return
        fi
    done
    printf '%s\n' "${HONORAR_BOOKS:-.}"
}

# The top-level id of each contract (before the first [table]): id = "2C-2025-014".
_honorar_contract_ids() {
    local books f
    books=$(_honorar_books_dir)
    books=${books/#\~/$HOME}
    for f in "$books"/contracts/*.toml; do
        [[ -f $f ]] || continue
        sed -n -e '/^[[:space:]]*\[/q' \
            -e 's/^[[:space:]]*id[[:space:]]*=[[:space:]]*"\([A-Za-z0-9._-]*\)".*/\1/p' \
            -e "s/^[[:space:]]*id[[:space:]]*=[[:space:]]*'\([A-Za-z0-9._-]*\)'.*/\1/p" "$f"
    done
}

# Issued document numbers: the files the invoice runs wrote, invoices/YYYY/N.json.
_honorar_document_numbers() {
    local books f
    books=$(_honorar_books_dir)
    books=${books/#\~/$HOME}
    for f in "$books"/invoices/*/*.json; do
        [[ -f $f ]] || continue
        f=${f##*/}
        printf '%s\n' "${f%.json}"
    done
}

_honorar_months() {
    local i
    printf '%s\n' last
    for ((i = 0; i <= 12; i++)); do
        date -d "$(date +%Y-%m-15) -$i months" +%Y-%m 2>/dev/null
    done
}

# Adds the words of $2 (one per line) that start with the current word, shell-quoted.
_honorar_add() {
    local cur=$1 word
    local plain=${cur//\\/}
    while IFS= read -r word; do
        [[ -n $word && $word == "$plain"* ]] && COMPREPLY+=("$(printf '%q' "$word")")
    done <<<"$2"
}

_honorar() {
    local cur prev words cword
    COMPREPLY=()
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${words[cword]}
    prev=""
    ((cword > 0)) && prev=${words[cword - 1]}
    # --opt=value: bash splits at '=' (COMP_WORDBREAKS).
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = ]] && ((cword > 1)); then
        prev=${words[cword - 2]}
    fi

    # The command (and the register's subcommand) so far.
    local command="" sub="" i w
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        case $w in
        --books | --today | --format | --month | --from | --to | --contract | --notice | --latest-for | --within | --csv-locale)
            ((i++))
            [[ ${words[i]} == = ]] && ((i++))
            ;;
        -*) ;;
        *)
            if [[ -z $command ]]; then
                command=$w
            elif [[ $command == register && -z $sub ]]; then
                sub=$w
            fi
            ;;
        esac
    done

    local formats
    case $command in
    check | tjek | invoice | faktura | notice | opsigelse | init | opret | pay | betal | remind | rykker | send) formats="text json" ;;
    report | rapport | open | udestående) formats="text json csv" ;;
    export | bogføring) formats="csv json" ;;
    deadlines | frister) formats="text json ics" ;;
    register) [[ $sub == render ]] && formats="json text xml pdf" || formats="text json" ;;
    *) formats="text json csv ics xml pdf" ;;
    esac

    case $prev in
    --books | --vouchers)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    --format)
        COMPREPLY=($(compgen -W "$formats" -- "$cur"))
        return
        ;;
    --import)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --today | --latest-for | --date)
        COMPREPLY=($(compgen -W "today $(date +%Y-%m-%d)" -- "$cur"))
        return
        ;;
    --month | --from | --to)
        COMPREPLY=($(compgen -W "$(_honorar_months)" -- "$cur"))
        return
        ;;
    --contract)
        COMPREPLY=($(compgen -W "$(_honorar_contract_ids)" -- "$cur"))
        return
        ;;
    --csv-locale)
        COMPREPLY=($(compgen -W "c da" -- "$cur"))
        return
        ;;
    --within)
        COMPREPLY=($(compgen -W "7 14 30 60 90" -- "$cur"))
        return
        ;;
    --resend)
        COMPREPLY=($(compgen -W "$(_honorar_document_numbers)" -- "$cur"))
        return
        ;;
    --notice)
        _honorar_add "$cur" "løbende måned + 1
løbende uge + 2
14 dage
4 uger
3 måneder
ingen
current month + 1
none"
        return
        ;;
    esac

    local global="--books --today --format --quiet --help --version"
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global -q -h" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "check tjek report rapport invoice faktura register notice opsigelse deadlines frister init opret pay betal open udestående remind rykker send export bogføring" -- "$cur"))
        fi
        return
    fi

    local options=""
    case $command in
    check | tjek) options="" ;;
    report | rapport) options="--month --from --to --csv-locale" ;;
    invoice | faktura) options="--month --dry-run --contract" ;;
    export | bogføring) options="--month --from --to --csv-locale --vouchers" ;;
    notice | opsigelse) options="--notice --contract --latest-for" ;;
    deadlines | frister) options="--within" ;;
    init | opret) options="" ;;
    pay | betal) options="--date --text --import" ;;
    open | udestående) options="--overdue --csv-locale" ;;
    remind | rykker) options="--dry-run --contract" ;;
    send) options="--dry-run --resend" ;;
    register)
        if [[ -z $sub ]]; then
            [[ $cur == -* ]] || {
                COMPREPLY=($(compgen -W "list show render" -- "$cur"))
                return
            }
        elif [[ $sub == show || $sub == render ]] && [[ $cur != -* ]]; then
            COMPREPLY=($(compgen -W "$(_honorar_document_numbers)" -- "$cur"))
            return
        fi
        ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options $global" -- "$cur"))
        return
    fi
    case $command in
    notice | opsigelse) COMPREPLY=($(compgen -W "today $(date +%Y-%m-%d)" -- "$cur")) ;;
    pay | betal) COMPREPLY=($(compgen -W "$(_honorar_document_numbers)" -- "$cur")) ;;
    init | opret)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur"))
        ;;
    esac
}

complete -F _honorar honorar

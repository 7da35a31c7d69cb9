# Bash completion for losant-experience-users (installed as
# share/bash-completion/completions/losant-experience-users). Its option lists are checked
# against the tool's --help by tests/integration/cli_reference_test.cpp.

_losant_experience_users() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="list get create update delete export import sync revoke-sessions groups"
  local global="--url --token --token-stdin --application --profile --allow-insecure-http --proxy --format --timeout --ca-bundle --verbose -v --help -h"
  local query="--sort-field --sort-direction --per-page --filter-field --filter --group --include-ancestor-groups"
  local advanced="--query --created-after --created-before --last-login-before --never-logged-in --has-tag --group-name"
  local bulk="--in --concurrency --report --dry-run"
  local fields="--email --password --password-stdin --first-name --last-name --tag --group --group-name --token-cutoff"
  local -A options=(
    [list]="$query $advanced --page"
    [get]=""
    [create]="$fields"
    [update]="$fields --clear-tags --clear-groups $bulk"
    [delete]="$bulk --yes"
    [export]="$query $advanced --consistent --out --tag-columns"
    [import]="--in --concurrency --report --generate-passwords --dry-run"
    ["revoke-sessions"]="--filter-field --filter --group --include-ancestor-groups $advanced --all --concurrency --report --dry-run --yes"
    [sync]="--in --prune --dry-run --report --concurrency --generate-passwords"
    [groups]=""
    ["groups list"]="--sort-field --sort-direction --page --per-page --filter --query"
    ["groups get"]=""
  )

  local command="" i
  for ((i = 1; i < cword; i++)); do
    case " $commands " in *" ${words[i]} "*) command=${words[i]}; break ;; esac
  done
  # groups takes a subcommand: list or get.
  if [[ $command == groups ]]; then
    for ((i++; i < cword; i++)); do
      case ${words[i]} in list | get) command="groups ${words[i]}"; break ;; esac
    done
    if [[ $command == groups ]]; then
      COMPREPLY=($(compgen -W "list get" -- "$cur"))
      return
    fi
  fi

  case $prev in
    --format)
      case $command in
        export) COMPREPLY=($(compgen -W "jsonl csv json" -- "$cur")) ;;
        import | sync) COMPREPLY=($(compgen -W "csv jsonl" -- "$cur")) ;;
        delete) COMPREPLY=($(compgen -W "table json" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "table json csv jsonl" -- "$cur")) ;;
      esac
      return ;;
    --sort-field)
      if [[ $command == "groups list" ]]; then
        COMPREPLY=($(compgen -W "name id creationDate lastUpdated" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "firstName lastName email id creationDate lastLogin lastUpdated" -- "$cur"))
      fi
      return ;;
    --sort-direction) COMPREPLY=($(compgen -W "asc desc" -- "$cur")); return ;;
    --filter-field) COMPREPLY=($(compgen -W "firstName lastName email" -- "$cur")); return ;;
    --group)
      [[ $command == list || $command == export || $command == revoke-sessions ]] && COMPREPLY=($(compgen -W "any none" -- "$cur"))
      return ;;
    --profile)
      local config=${XDG_CONFIG_HOME:-$HOME/.config}/losant-experience-users/config
      [[ -r $config ]] && COMPREPLY=($(compgen -W "$(sed -n 's/^[[:space:]]*\[profile[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' "$config")" -- "$cur"))
      return ;;
    --in | --out | --report | --generate-passwords | --ca-bundle)
      COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null
      return ;;
    --url | --token | --application | --proxy | --timeout | --page | --per-page | --filter | --email | \
      --password | --first-name | --last-name | --tag | --token-cutoff | --tag-columns | --concurrency | \
      --query | --created-after | --created-before | --last-login-before | --has-tag | --group-name)
      return ;;
  esac

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands $global --version" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "${options["$command"]} $global" -- "$cur"))
  fi
}
complete -F _losant_experience_users losant-experience-users
